-- A marketing qualified lead a rep handed back at first contact, once per hand-off (the sequence's process instance):
-- the reason from leadflow.scoring.rejection-reasons, and what the rejections report groups by, as it was then: the
-- lead's source and type, and the fit rule that made it an MQL (null when no decision table did, e.g. a nurture date).
create table lead_rejection (
    hand_off_key        bigint       primary key,
    lead_id             uuid         not null references lead (id),
    reason              varchar(60)  not null,
    other_reason        text,
    rep                 varchar(100),
    source              varchar(200),
    lead_type           varchar(40)  not null,
    fit_decision        varchar(100),
    fit_version         integer,
    fit_rule            varchar(200),
    fit_rule_annotation text,
    at                  timestamptz  not null
);
create index lead_rejection_at on lead_rejection (at);
