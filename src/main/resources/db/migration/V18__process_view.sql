-- The process view: a projection of the embedded engine's log (what Operate shows against a cluster).
-- Rows are keyed by the engine's own keys, so projecting a record twice changes nothing.

-- Element instances activated and not yet completed or terminated; element_type PROCESS is the instance itself.
create table process_element_instance (
    element_instance_key bigint primary key,
    process_instance_key bigint not null,
    bpmn_process_id text not null,
    element_id text not null,
    element_type text not null,
    since timestamptz not null
);
create index process_element_instance_waiting on process_element_instance (bpmn_process_id, element_id, since);

-- Incidents created and not yet resolved.
create table process_incident (
    incident_key bigint primary key,
    process_instance_key bigint not null,
    element_instance_key bigint not null,
    bpmn_process_id text not null,
    element_id text not null,
    error_type text not null,
    error_message text not null,
    since timestamptz not null
);

-- The lead a live process instance works on (its leadId variable).
create table process_instance_lead (
    process_instance_key bigint primary key,
    lead_id text not null
);

-- How far the projection read the log of which engine (a new data directory starts it afresh).
create table process_projection (
    id smallint primary key check (id = 1),
    engine_id text not null,
    position bigint not null
);
