-- What the managers' reports read, recorded as it happens.
-- An attempt made: when, and the working hours from its planned moment (the time to a first attempt, in the lead's
-- working time); the template of the email sent for it (its own email, or a call's follow-up).
alter table sequence_attempt
    add column made_at               timestamptz,
    add column working_hours_to_made numeric(10, 4),
    add column template              varchar(200);
-- Attempts made before this was kept: a settled DONE attempt was last updated when it was made.
update sequence_attempt set made_at = updated_at where status = 'DONE';

-- How each round of a lead's sequence ended (REPLIED, MEETING_BOOKED, UNSUBSCRIBED, BOUNCED, ...), credited to the
-- last attempt made before it (the step the lead answered) and the last email template sent.
create table sequence_outcome (
    lead_id   uuid         not null references lead (id),
    round     integer      not null,
    outcome   varchar(20)  not null,
    step      integer,
    template  varchar(200),
    at        timestamptz  not null,
    primary key (lead_id, round)
);

-- The reports' periods: each scans one index range (100,000 leads answer in well under a second, see bench/).
create index sequence_outcome_at on sequence_outcome (at) include (outcome, step, template);
create index sequence_attempt_made on sequence_attempt (made_at) include (step, channel, template) where made_at is not null;
create index sequence_attempt_first_due on sequence_attempt (due) where step = 1;
create index lead_stage_at on lead_stage (at) include (lead_id, stage);
create index lead_event_sla_breached on lead_event (at) where type = 'SLA_BREACHED';
