-- The lead list: searched by name, address or company anywhere in the text (trigram indexes serve '%…%'), newest first.
create extension if not exists pg_trgm;
create index lead_search_name on lead using gin ((lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) gin_trgm_ops);
create index lead_search_email on lead using gin (email_key gin_trgm_ops);
create index lead_search_company on lead using gin ((lower(company)) gin_trgm_ops);
create index lead_newest on lead (created_at desc, id desc);
