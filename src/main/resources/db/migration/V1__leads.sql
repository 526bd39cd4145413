create table lead (
    id                     uuid primary key,
    type                   varchar(20)  not null,
    email                  varchar(320),
    email_key              varchar(320),
    first_name             varchar(200),
    last_name              varchar(200),
    job_title              varchar(200),
    company                varchar(200),
    company_domain         varchar(253),
    employees              integer,
    industry               varchar(100),
    country                char(2),
    time_zone              varchar(64)  not null,
    language               varchar(2)   not null,
    source                 varchar(200),
    details                jsonb        not null default '{}',
    stage                  varchar(20)  not null default 'LEAD',
    fit_score              integer,
    fit_reasons            jsonb        not null default '[]',
    enrichment             jsonb        not null default '{}',
    owner                  varchar(100),
    process_instance_key   bigint,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null
);

-- One lead per person (email trimmed, case-insensitive) and per visiting company without a person.
create unique index lead_email_key on lead (email_key) where email_key is not null;
create unique index lead_company_visit_key on lead (company_domain) where email_key is null and company_domain is not null;

create table lead_event (
    id       bigserial primary key,
    lead_id  uuid         not null references lead (id),
    type     varchar(40)  not null,
    at       timestamptz  not null,
    details  jsonb        not null default '{}'
);
create index lead_event_lead on lead_event (lead_id, id);

-- A rep's task: the engine holds a job open until the rep completes it here.
create table rep_task (
    job_key       bigint primary key,
    lead_id       uuid         not null references lead (id),
    element_id    varchar(100) not null,
    name          varchar(200) not null,
    assignee      varchar(100),
    candidate_groups varchar(400),
    form_id       varchar(100),
    due           timestamptz,
    status        varchar(20)  not null default 'OPEN',
    created_at    timestamptz  not null,
    completed_at  timestamptz,
    completed_by  varchar(100),
    result        jsonb
);
create index rep_task_assignee on rep_task (assignee, status);
create index rep_task_lead on rep_task (lead_id);

-- Outbox: one row per mail leadflow means to send, keyed so a redelivered job never sends twice.
create table outbound_mail (
    idempotency_key  varchar(200) primary key,
    lead_id          uuid references lead (id),
    recipient        varchar(320) not null,
    subject          varchar(400) not null,
    text_body        text         not null,
    html_body        text,
    message_id       varchar(300) not null unique,
    headers          jsonb        not null default '{}',
    status           varchar(20)  not null default 'PENDING',
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       text,
    created_at       timestamptz  not null,
    sent_at          timestamptz
);
create index outbound_mail_due on outbound_mail (status, next_attempt_at);
