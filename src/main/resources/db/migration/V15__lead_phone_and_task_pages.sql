-- A lead's phone number in E.164 (+ and at most 15 digits), for the reps' calls.
alter table lead add column phone varchar(16);

-- The task list's pages: an assignee's open tasks, soonest due first (no due last, as btree orders nulls).
create index rep_task_open_due on rep_task (assignee, due, created_at, job_key) where status = 'OPEN';
