-- A/B variants: the variant of the step's email a lead got (null: the step has no variants), and the one an ending
-- is credited to, with its step (the last email sent before it).
alter table sequence_attempt add column variant varchar(40);
alter table sequence_outcome add column email_step integer, add column variant varchar(40);

-- Each sequence email sent with opens and clicks tracked: the links it carried (a click redirects only to one of
-- these, by its index) and what its recipients did. Human opens and clicks are counted apart from those of mail-privacy
-- proxies and link scanners (machine_*); first_*_at is the first human one.
create table tracked_email (
    id                uuid         primary key,
    outbox_key        varchar(200) not null unique,
    lead_id           uuid         not null references lead (id),
    round             integer      not null,
    step              integer      not null,
    template          varchar(200) not null,
    variant           varchar(40),
    links             jsonb        not null,
    created_at        timestamptz  not null,
    opens             integer      not null default 0,
    machine_opens     integer      not null default 0,
    first_opened_at   timestamptz,
    clicks            integer      not null default 0,
    machine_clicks    integer      not null default 0,
    first_clicked_at  timestamptz
);
create index tracked_email_created on tracked_email (created_at) include (step, template, variant, first_opened_at, first_clicked_at);
