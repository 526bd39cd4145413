-- Replay before you deploy: a simulation of candidate models over a period's leads, and its result (the diff).
create table simulation (
    id              uuid primary key,
    requested_by    varchar(100) not null,
    period_from     timestamptz  not null,
    period_to       timestamptz  not null,
    candidate_files jsonb        not null,
    status          varchar(20)  not null,
    leads           integer      not null,
    replayed        integer      not null default 0,
    problem         text,
    result          jsonb,
    created_at      timestamptz  not null,
    finished_at     timestamptz
);
create index simulation_finished on simulation (finished_at);
