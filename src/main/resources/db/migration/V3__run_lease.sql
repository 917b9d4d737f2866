-- One check at a time across every instance sharing this database: a lease row that a run takes and
-- gives back; a lease left by a killed instance expires.
create table run_lease (
    name        varchar(64)  primary key,
    holder      varchar(200) not null,
    lease_until timestamp with time zone not null,
    taken_at    timestamp with time zone not null
);

insert into run_lease (name, holder, lease_until, taken_at)
values ('check', 'nobody', timestamp with time zone '1970-01-01 00:00:00+00:00',
        timestamp with time zone '1970-01-01 00:00:00+00:00');
