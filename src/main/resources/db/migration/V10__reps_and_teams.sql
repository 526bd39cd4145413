-- Who works leads, kept here rather than in configuration (which only seeds these tables at the first start).
create table manager (
    username  varchar(100) primary key,
    name      varchar(200) not null,
    email     varchar(320) not null
);

-- A team works the leads lead-assignment.dmn sends it; its manager oversees its reps.
create table team (
    name     varchar(100) primary key,
    manager  varchar(100) references manager (username)
);

-- A rep takes turns with the other active reps of the team, up to monthly_capacity leads a calendar month (UTC).
-- An away rep is skipped, until away_until (the day they are back) when one is given.
create table rep (
    username          varchar(100) primary key,
    name              varchar(200) not null,
    email             varchar(320) not null,
    team              varchar(100) not null references team (name),
    active            boolean      not null default true,
    away              boolean      not null default false,
    away_until        date,
    monthly_capacity  integer      not null default 100 check (monthly_capacity >= 0)
);
create index rep_team on rep (team);

-- Each hand-off of a lead to a rep, in the order the rotation made them: a rep's turns and load this month.
-- A lead is assigned once (a redelivered job finds its row); each reassignment is a row of its own.
create table rep_assignment (
    id             bigserial    primary key,
    lead_id        uuid         not null references lead (id),
    rep            varchar(100) not null references rep (username),
    team           varchar(100) not null references team (name),
    kind           varchar(20)  not null check (kind in ('ASSIGNED', 'REASSIGNED')),
    over_capacity  boolean      not null,
    assigned_at    timestamptz  not null
);
create unique index rep_assignment_once on rep_assignment (lead_id) where kind = 'ASSIGNED';
create index rep_assignment_rep_month on rep_assignment (rep, assigned_at);
create index rep_assignment_rep_turn on rep_assignment (rep, id);
create index rep_assignment_lead on rep_assignment (lead_id, id);
