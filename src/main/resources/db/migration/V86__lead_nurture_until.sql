-- The day a lead's stay in nurture ends on its own (a "not now" date, the rep's or the reply's), null for a nurture that
-- waits for a sign only: only a dated stay may have its date changed from the lead's page.
ALTER TABLE lead_nurture ADD COLUMN nurture_until DATE;
