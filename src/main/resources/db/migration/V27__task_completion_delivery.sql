-- A rep's completion is recorded first (the task COMPLETED with its outcome), then delivered to the engine until it
-- answers: how far it got (PENDING, DELIVERED, PROCESS_MOVED_ON), how many tries went to the engine, when the next may.
alter table rep_task
    add column delivery          varchar(20),
    add column delivery_attempts integer not null default 0,
    add column deliver_after     timestamptz;
-- Completed before this: the engine took them in the same transaction.
update rep_task set delivery = 'DELIVERED' where status = 'COMPLETED';
create index rep_task_delivery_due on rep_task (engine_id, deliver_after) where delivery = 'PENDING';
