-- Each move of a lead from one stage to another, with why: the rule that decided it or the outcome of a task.
create table lead_stage (
    id       bigserial primary key,
    lead_id  uuid         not null references lead (id),
    stage    varchar(20)  not null,
    at       timestamptz  not null,
    reason   text         not null
);
create index lead_stage_lead on lead_stage (lead_id, id);

-- Leads from before the history: where they stand now, since their last change.
insert into lead_stage (lead_id, stage, at, reason)
select id, stage, updated_at, 'stage before the history was kept' from lead;
