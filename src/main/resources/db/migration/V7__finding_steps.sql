-- A finding's evidence as typed steps: the kind and label of each evidence line (aligned with
-- finding.evidence), and the DNS names the finding rests on, so that a failed lookup of one of them
-- leaves the finding unknown without searching its text.
alter table finding add column evidence_kinds varchar(65536);
alter table finding add column depends_on varchar(65536);
