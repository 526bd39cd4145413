-- The engine whose state holds a lead's process: an instance key means nothing to another engine.
alter table lead add column process_engine_id varchar(40);
