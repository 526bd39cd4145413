-- The temporary bounces (4.x.x) of a lead's sequence emails, one per email however many reports it brought (a
-- "delayed" then a "failed"): leadflow.sequence.soft-bounce-limit of them count as a hard bounce.
create table sequence_soft_bounce (
    lead_id          uuid         not null references lead (id),
    sent_message_id  text         not null,
    status           text,
    bounced_at       timestamptz  not null,
    primary key (lead_id, sent_message_id)
);
