package io.leadflow.lead;

import io.leadflow.platform.Json;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happened to a lead, in order: every feature writes here, the API reads it back. */
@Component
public class Timeline {

    public record Entry(String type, Instant at, Map<String, Object> details) {
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

    public void record(UUID leadId, String type, Map<String, ?> details) {
        jdbc.sql("insert into lead_event (lead_id, type, at, details) values (?, ?, ?, cast(? as jsonb))")
                .params(leadId, type, Timestamp.from(clock.instant()), json.write(details))
                .update();
        // One counter per kind of event gives managers the funnel, SLA and reply figures in /actuator/prometheus.
        meters.counter("leadflow.lead.events", "type", type).increment();
    }

    public List<Entry> of(UUID leadId) {
        return jdbc.sql("select type, at, details from lead_event where lead_id = ? order by id")
                .param(leadId)
                .query((rs, row) -> new Entry(rs.getString("type"), rs.getTimestamp("at").toInstant(),
                        json.map(rs.getString("details"))))
                .list();
    }
}
