-- A mailbox's own sending limits, set with it by a manager; null: the settings' limit for its address.
alter table connected_mailbox add column per_hour integer, add column per_day integer;
