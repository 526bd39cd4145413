package io.leadflow.engine.internal;

import io.leadflow.engine.ProcessInstances;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The process view's tables: element instances waiting, open incidents, the lead of each live instance,
 * and how far the projection has read which engine's log. Every write is keyed by an engine key, so a
 * batch applied twice (a crash between reading and committing) changes nothing the second time.
 */
@Repository
public class ProcessProjectionRepository {

    /** Instances of a process waiting at one of its elements. */
    public record WaitingAt(String bpmnProcessId, String elementId, String elementType, long waiting, Instant oldestSince) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ProcessProjectionRepository(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * The log position the projection of this engine has read up to, -1 for none. Another engine (a new
     * data directory) starts the projection afresh: its keys and positions mean nothing for this one.
     */
    public long positionFor(String engineId) {
        return transactions.execute(status -> {
            List<Long> position = jdbc.queryForList(
                    "select position from process_projection where id = 1 and engine_id = ? for update", Long.class, engineId);
            if (!position.isEmpty()) {
                return position.getFirst();
            }
            jdbc.update("delete from process_element_instance");
            jdbc.update("delete from process_incident");
            jdbc.update("delete from process_instance_lead");
            jdbc.update("""
                    insert into process_projection (id, engine_id, position) values (1, ?, -1)
                    on conflict (id) do update set engine_id = excluded.engine_id, position = -1""", engineId);
            return -1L;
        });
    }

    /** Applies the batch and moves the position past it, in one transaction. */
    public void apply(ProjectionBatch batch) {
        transactions.executeWithoutResult(status -> {
            deleteKeys("delete from process_element_instance where element_instance_key = any(?)", batch.endedElements);
            jdbc.batchUpdate("""
                            insert into process_element_instance (element_instance_key, process_instance_key, bpmn_process_id,
                                element_id, element_type, since) values (?, ?, ?, ?, ?, ?)
                            on conflict do nothing""",
                    batch.activated.values().stream().map(e -> new Object[] {e.elementInstanceKey(), e.processInstanceKey(),
                            e.bpmnProcessId(), e.elementId(), e.elementType(), Timestamp.from(e.since())}).toList());
            deleteKeys("delete from process_incident where incident_key = any(?)", batch.resolved);
            jdbc.batchUpdate("""
                            insert into process_incident (incident_key, process_instance_key, element_instance_key, bpmn_process_id,
                                element_id, job_key, error_type, error_message, since) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict do nothing""",
                    batch.created.values().stream().map(i -> new Object[] {i.incidentKey(), i.processInstanceKey(),
                            i.elementInstanceKey(), i.bpmnProcessId(), i.elementId(), i.jobKey(), i.errorType(), i.errorMessage(),
                            Timestamp.from(i.since())}).toList());
            deleteKeys("delete from process_instance_lead where process_instance_key = any(?)", batch.endedInstances);
            jdbc.batchUpdate("""
                            insert into process_instance_lead (process_instance_key, lead_id) values (?, ?)
                            on conflict (process_instance_key) do update set lead_id = excluded.lead_id""",
                    batch.leads.entrySet().stream().map(lead -> new Object[] {lead.getKey(), lead.getValue()}).toList());
            jdbc.update("update process_projection set position = ? where id = 1", batch.position());
        });
    }

    /** Deletes the rows of all these keys in one statement (a batch of deletes would be one statement each). */
    private void deleteKeys(String sql, Collection<Long> keys) {
        if (!keys.isEmpty()) {
            jdbc.update(sql, statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint", keys.toArray())));
        }
    }

    /** Per process and element (process instances themselves not counted): how many wait there and since when. */
    public List<WaitingAt> waiting() {
        return jdbc.query("""
                        select bpmn_process_id, element_id, element_type, count(*) as waiting, min(since) as oldest
                          from process_element_instance where element_type <> 'PROCESS'
                         group by bpmn_process_id, element_id, element_type
                         order by bpmn_process_id, oldest""",
                (rs, row) -> new WaitingAt(rs.getString("bpmn_process_id"), rs.getString("element_id"),
                        rs.getString("element_type"), rs.getLong("waiting"), instant(rs, "oldest")));
    }

    /** The leads whose instances wait at the element (a multi-instance body not counted twice), the longest waiting first. */
    public List<ProcessInstances.LeadWaiting> leadsWaitingAt(String bpmnProcessId, String elementId, int limit) {
        return jdbc.query("""
                        select l.lead_id, min(e.since) as since from process_element_instance e
                          join process_instance_lead l on l.process_instance_key = e.process_instance_key
                         where e.bpmn_process_id = ? and e.element_id = ? and e.element_type <> 'MULTI_INSTANCE_BODY'
                         group by l.lead_id order by since, l.lead_id limit ?""",
                (rs, row) -> new ProcessInstances.LeadWaiting(rs.getString("lead_id"), instant(rs, "since")), bpmnProcessId, elementId,
                limit);
    }

    /** Live process instances per process id. */
    public Map<String, Long> liveInstances() {
        return countsPerProcess("select bpmn_process_id, count(*) from process_element_instance where element_type = 'PROCESS' group by 1");
    }

    /** Whether this process instance was activated and has not completed or terminated, as far as projected. */
    public boolean isLive(long processInstanceKey) {
        // The instance itself is its PROCESS element: the element instance key is the process instance key.
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from process_element_instance where element_instance_key = ? and element_type = 'PROCESS')",
                Boolean.class, processInstanceKey));
    }

    /** Open incidents per process id. */
    public Map<String, Long> openIncidents() {
        return countsPerProcess("select bpmn_process_id, count(*) from process_incident group by 1");
    }

    private Map<String, Long> countsPerProcess(String sql) {
        return jdbc.query(sql, (rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** An open incident as projected, with the lead of its instance where it has one. */
    public record ProjectedIncident(long incidentKey, String bpmnProcessId, String elementId, long processInstanceKey,
                                    Long jobKey, String leadId, String errorType, String errorMessage, Instant since) {
    }

    private static final String INCIDENTS = """
            select i.*, l.lead_id from process_incident i
              left join process_instance_lead l on l.process_instance_key = i.process_instance_key
            """;

    /** Open incidents, the oldest {@code limit}. */
    public List<ProjectedIncident> incidents(int limit) {
        return jdbc.query(INCIDENTS + " order by i.since, i.incident_key limit ?", ProcessProjectionRepository::incident, limit);
    }

    /** All open incidents. */
    public long countIncidents() {
        return jdbc.queryForObject("select count(*) from process_incident", Long.class);
    }

    /** The incident, while it is open. */
    public Optional<ProjectedIncident> incident(long incidentKey) {
        return jdbc.query(INCIDENTS + " where i.incident_key = ?", ProcessProjectionRepository::incident, incidentKey).stream().findFirst();
    }

    private static ProjectedIncident incident(ResultSet rs, int row) throws SQLException {
        return new ProjectedIncident(rs.getLong("incident_key"), rs.getString("bpmn_process_id"), rs.getString("element_id"),
                rs.getLong("process_instance_key"), rs.getObject("job_key", Long.class), rs.getString("lead_id"),
                rs.getString("error_type"), rs.getString("error_message"), instant(rs, "since"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
