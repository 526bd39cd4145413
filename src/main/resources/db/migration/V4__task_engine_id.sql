-- Tasks are keyed by the engine whose state holds them (a data directory or a cluster), no longer by run.
alter table rep_task rename column engine_run to engine_id;
