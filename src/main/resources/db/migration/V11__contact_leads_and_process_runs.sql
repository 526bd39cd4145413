-- A person a rep found for a company's lead ("Research who to contact") is a lead of its own, linked to the company's.
alter table lead add column company_lead_id uuid references lead (id);

