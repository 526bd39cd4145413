-- The intent to start a lead's process, stored with the lead in one transaction and drained to the
-- engine: intake answers at database speed and an engine outage or a lost answer loses no start.
create table lead_process_start (
    lead_id          uuid primary key references lead (id),
    requested_at     timestamptz not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    started_at       timestamptz,
    last_error       text
);
create index lead_process_start_pending on lead_process_start (next_attempt_at) where started_at is null;

-- Leads that arrived while the engine was unreachable and never got a process.
insert into lead_process_start (lead_id, requested_at, next_attempt_at)
select id, created_at, created_at from lead where process_instance_key is null;
