-- A finding an accepted deviation (maildrift-accepted.yml) suppresses in this run: the entry and its reason,
-- owner and expiry. It stays in the ledger and on the dashboard, marked, and is not alerted; null otherwise.
alter table finding add column accepted_by varchar(1000);
