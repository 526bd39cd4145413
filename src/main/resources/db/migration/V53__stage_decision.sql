-- The DMN decision behind a stage move: its id, the deployed version that decided and the rule rows that matched
-- (ids and annotations); null for a move no decision table made (a task's outcome, an arrival) or made before it was kept.
alter table lead_stage add column decision jsonb;
