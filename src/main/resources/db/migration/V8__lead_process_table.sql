-- Each lead's process is intake's to track, in a table of its own next to the lead (which the lead
-- module owns): the start to do, the instance and engine it runs in, its end or its loss.
alter table lead_process_start rename to lead_process;
alter index lead_process_start_pending rename to lead_process_pending;
alter table lead_process
    add column process_instance_key bigint,
    add column engine_id            varchar(40),
    add column ended_at             timestamptz,
    add column lost_at              timestamptz,
    add column checked_at           timestamptz;

-- Leads started before the start queue existed have no row yet.
insert into lead_process (lead_id, requested_at, next_attempt_at, started_at)
select id, created_at, created_at, created_at from lead l
where not exists (select 1 from lead_process p where p.lead_id = l.id);

update lead_process p
set process_instance_key = l.process_instance_key, engine_id = l.process_engine_id, ended_at = l.process_ended_at,
    lost_at = l.process_lost_at, checked_at = l.process_checked_at
from lead l where l.id = p.lead_id;

drop index lead_process_live;
alter table lead
    drop column process_instance_key,
    drop column process_engine_id,
    drop column process_ended_at,
    drop column process_lost_at,
    drop column process_checked_at;
create index lead_process_live on lead_process (checked_at nulls first)
    where process_instance_key is not null and ended_at is null and lost_at is null;
