-- A person a rep found for a company's lead ("Research who to contact") is a lead of its own, linked to the company's.
alter table lead add column company_lead_id uuid references lead (id);

-- A lead's process runs again when new facts reach a nurtured lead: each run is started by a message of its own.
alter table lead_process add column run integer not null default 1;
