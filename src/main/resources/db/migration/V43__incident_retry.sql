-- Incidents a manager retries from leadflow: a job's incident is retried by giving its job retries again, so the
-- process view keeps the job of each open incident (null for an incident of no job, e.g. an expression's).
alter table process_incident add column job_key bigint;

-- The lead's timeline says once per incident that it was raised and that it was retried: several sweeps, several
-- leadflow nodes or a retry sent twice record it once (Timeline.recordOnce).
create unique index lead_event_incident_once on lead_event (lead_id, type, (details ->> 'incidentKey'))
    where type in ('INCIDENT_RAISED', 'INCIDENT_RETRIED');
