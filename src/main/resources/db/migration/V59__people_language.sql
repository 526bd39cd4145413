-- The language a person chose for leadflow's pages, and the one of the mails leadflow sends them (en, es); none chosen:
-- the browser's for pages, leadflow.assignment.mail-language for mails. A manager who also works leads has both rows.
alter table manager add column language varchar(10);
alter table rep add column language varchar(10);
