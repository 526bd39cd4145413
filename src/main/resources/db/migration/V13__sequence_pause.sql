-- A pause of a lead's sequence, one per round (the latest pause): the attempts still to come wait until the day
-- paused_until; first_planned_at is when the first of them was planned before any pause, so a new date or a
-- resume moves them from there.
create table sequence_pause (
    lead_id           uuid         not null references lead (id),
    round             integer      not null,
    paused_until      date         not null,
    first_planned_at  timestamptz,
    paused_at         timestamptz  not null,
    resumed_at        timestamptz,
    primary key (lead_id, round)
);
