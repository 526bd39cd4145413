-- What leadflow knows of each lead's process: when it ended, and whether the engine lost it.
alter table lead add column process_ended_at timestamptz;
alter table lead add column process_lost_at timestamptz;
alter table lead add column process_checked_at timestamptz;
create index lead_process_live on lead (process_checked_at nulls first)
    where process_instance_key is not null and process_ended_at is null and process_lost_at is null;
