-- Job keys are unique within one engine, and the embedded engine starts afresh on every run:
-- a task is identified by the engine run that handed it out and its job key.
alter table rep_task drop constraint rep_task_pkey;
alter table rep_task add column engine_run varchar(40) not null default 'initial';
alter table rep_task add primary key (engine_run, job_key);
