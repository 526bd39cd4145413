-- Which deployed model decided a stage move (e.g. "lead-explore v3"); null for moves before it was kept.
alter table lead_stage add column model varchar(120);

-- A lead nurtured after a proposal comes back into a new connect sequence: attempts are kept per round.
alter table sequence_attempt add column round integer not null default 1;
alter table sequence_attempt drop constraint sequence_attempt_pkey;
alter table sequence_attempt add primary key (lead_id, round, step);

-- What a task's form shows besides the lead's facts: the reply's intent, the case study for a proposal.
alter table rep_task add column context jsonb;
