-- The connect-stage sequence of each lead: one row per planned attempt.
create table sequence_attempt (
    lead_id     uuid         not null references lead (id),
    step        integer      not null,
    channel     varchar(10)  not null,
    planned_at  timestamptz  not null,
    due         timestamptz  not null,
    status      varchar(20)  not null default 'PLANNED',
    outcome     varchar(40),
    updated_at  timestamptz  not null,
    primary key (lead_id, step)
);

-- Addresses that must never get another sequence email: unsubscribed or hard-bounced.
create table suppression (
    email_key  varchar(320) primary key,
    reason     varchar(20)  not null,
    at         timestamptz  not null
);

alter table rep_task add column attempt_step integer;

-- Mail read from the inbox, so a message is handled once even when the poller reads it again.
create table inbound_mail (
    message_id   varchar(300) primary key,
    lead_id      uuid references lead (id),
    kind         varchar(20)  not null,
    received_at  timestamptz  not null
);
