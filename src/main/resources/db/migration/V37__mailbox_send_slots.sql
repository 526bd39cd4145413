-- The sending slots of each mailbox (the sender address of sequence emails): one row per email, in the hour it goes.
-- The email's idempotency key keeps one slot per email; counts per hour and per UTC day are read under the
-- mailbox's row in mailbox_send_lock, so two leadflow nodes never give the same last slot twice.
create table mailbox_send_lock (
    mailbox varchar(320) primary key
);

create table mailbox_send_slot (
    idempotency_key varchar(300) primary key,
    mailbox         varchar(320) not null,
    slot_at         timestamptz  not null,
    reserved_at     timestamptz  not null
);

create index mailbox_send_slot_by_mailbox on mailbox_send_slot (mailbox, slot_at);
