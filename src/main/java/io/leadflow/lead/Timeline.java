package io.leadflow.lead;

import io.leadflow.platform.Json;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happened to a lead, in order: every feature writes here, the API reads it back. */
@Component
public class Timeline {

    /** An entry's type as stored; {@code type} stays a string when read back, so a type since retired still reads. */
    public record Entry(String type, Instant at, Map<String, Object> details) {
    }

    /**
     * Every kind of entry features write: one list, so the task list has a sentence for each (a new kind without one
     * fails its test).
     */
    public enum Type {
        RECEIVED, MERGED, FACTS_UPDATED, CONTACT_FOUND, PROCESS_STARTED, PROCESS_LOST, ENRICHED, QUALIFIED, STAGE_CHANGED,
        ASSIGNED, REASSIGNED, REP_NOTIFIED, SLA_BREACHED, SLA_KEPT,
        TASK_CREATED, TASK_COMPLETED, TASK_CANCELLED, TASKS_MOVED,
        SEQUENCE_PLANNED, SEQUENCE_PAUSED, SEQUENCE_RESUMED, ATTEMPT_DELAYED, EMAIL_SENT, EMAIL_SUPPRESSED, EMAIL_OPENED,
        EMAIL_CLICKED, AUTO_REPLY_IGNORED, SOFT_BOUNCE_IGNORED, REPLIED, MEETING_BOOKED, UNSUBSCRIBED, BOUNCED, STOPPED,
        SEQUENCE_ENDED, RECYCLED_TO_NURTURE, NURTURE_DATE_CHANGED, INCIDENT_RAISED, INCIDENT_RETRIED, EMAIL_FAILED, EMAIL_RETRIED, REJECTED, ROUTED
    }

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;
    private final MeterRegistry meters;

    Timeline(JdbcClient jdbc, Json json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    public void record(UUID leadId, Type type, Map<String, ?> details) {
        insert(leadId, type, details, "");
    }

    /**
     * Records an event the database keeps once per lead (a unique index says which: UNSUBSCRIBED; INCIDENT_RAISED and
     * INCIDENT_RETRIED once per {@code incidentKey}; STOPPED once per sequence {@code round}); returns false,
     * recording nothing, when the lead already has it.
     */
    public boolean recordOnce(UUID leadId, Type type, Map<String, ?> details) {
        return insert(leadId, type, details, " on conflict do nothing");
    }

    private boolean insert(UUID leadId, Type type, Map<String, ?> details, String onConflict) {
        boolean recorded = jdbc.sql("insert into lead_event (lead_id, type, at, details) values (?, ?, ?, cast(? as jsonb))" + onConflict)
                .params(leadId, type.name(), Timestamp.from(clock.instant()), json.write(details))
                .update() == 1;
        if (recorded) {
            // One counter per kind of event gives managers the funnel, SLA and reply figures in /actuator/prometheus.
            meters.counter("leadflow.lead.events", "type", type.name()).increment();
        }
        return recorded;
    }

    /** An entry with the lead it is about. */
    public record LeadEntry(UUID leadId, Entry entry) {
    }

    /** The latest {@code limit} entries of this type made in [from, to) on the selected leads, newest first (indexed for SLA_BREACHED). */
    public List<LeadEntry> latestOfType(Type type, Instant from, Instant to, LeadSelection leads, int limit) {
        return jdbc.sql("select lead_id, type, at, details from lead_event where " + OF_TYPE + " and " + leads.condition("lead_id")
                        + " order by at desc, id desc limit :limit")
                .params(ofType(type, from, to, leads)).param("limit", limit)
                .query((rs, row) -> new LeadEntry(rs.getObject("lead_id", UUID.class), new Entry(rs.getString("type"),
                        rs.getTimestamp("at").toInstant(), json.map(rs.getString("details")))))
                .list();
    }

    /** How many entries of this type were made in [from, to) on the selected leads. */
    public long countOfType(Type type, Instant from, Instant to, LeadSelection leads) {
        return jdbc.sql("select count(*) from lead_event where " + OF_TYPE + " and " + leads.condition("lead_id"))
                .params(ofType(type, from, to, leads))
                .query(Long.class).single();
    }

    private static final String OF_TYPE = "type = :type and at >= :from and at < :to";

    private static Map<String, Object> ofType(Type type, Instant from, Instant to, LeadSelection leads) {
        Map<String, Object> params = new HashMap<>();
        params.put("type", type.name());
        params.put("from", Timestamp.from(from));
        params.put("to", Timestamp.from(to));
        params.put(LeadSelection.PARAMETER, leads.parameter());
        return params;
    }

    public List<Entry> of(UUID leadId) {
        return jdbc.sql("select type, at, details from lead_event where lead_id = ? order by id")
                .param(leadId)
                .query((rs, row) -> new Entry(rs.getString("type"), rs.getTimestamp("at").toInstant(),
                        json.map(rs.getString("details"))))
                .list();
    }
}
