package io.leadflow.intake;

import io.leadflow.engine.EngineIdentity;
import io.leadflow.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each lead's process as leadflow knows it: the instance it runs in and whether it ended. A slow
 * sweep asks the engine about live ones, a page at a time, and flags a lead whose process is gone
 * (on its timeline, in {@code /actuator/health} and in the lead events metric) instead of letting
 * its planned steps wait forever.
 */
@Component("leadProcesses")
public class LeadProcesses implements HealthIndicator {

    record LiveProcess(UUID leadId, long processInstanceKey, String engineId) {
    }

    private static final Logger log = LoggerFactory.getLogger(LeadProcesses.class);
    private static final int PAGE = 200;

    private final JdbcClient jdbc;
    private final ProcessEngine engine;
    private final EngineIdentity engineIdentity;
    private final Timeline timeline;
    private final Clock clock;

    LeadProcesses(JdbcClient jdbc, ProcessEngine engine, EngineIdentity engineIdentity, Timeline timeline, Clock clock) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.engineIdentity = engineIdentity;
        this.timeline = timeline;
        this.clock = clock;
    }

    void started(UUID leadId, long processInstanceKey) {
        jdbc.sql("update lead set process_instance_key = ?, process_engine_id = ? where id = ?")
                .params(processInstanceKey, engineIdentity.id(), leadId).update();
    }

    void ended(UUID leadId) {
        jdbc.sql("update lead set process_ended_at = ? where id = ? and process_ended_at is null")
                .params(Timestamp.from(clock.instant()), leadId).update();
    }

    @Scheduled(fixedDelayString = "${leadflow.intake.reconcile-interval:PT1M}")
    public void reconcile() {
        List<LiveProcess> page = jdbc.sql("""
                        select id, process_instance_key, process_engine_id from lead
                        where process_instance_key is not null and process_ended_at is null and process_lost_at is null
                        order by process_engine_id is not distinct from :engine, process_checked_at nulls first limit :page
                        """)
                .param("engine", engineIdentity.id())
                .param("page", PAGE)
                .query((rs, row) -> new LiveProcess(rs.getObject("id", UUID.class), rs.getLong("process_instance_key"),
                        rs.getString("process_engine_id")))
                .list();
        for (LiveProcess process : page) {
            boolean exists;
            try {
                // Another engine's instance key means nothing here (its data directory was replaced).
                exists = engineIdentity.id().equals(process.engineId()) && engine.processInstanceExists(process.processInstanceKey());
            } catch (RuntimeException e) {
                log.warn("Could not ask the engine about lead {}'s process: {}", process.leadId(), e.getMessage());
                return;
            }
            Timestamp now = Timestamp.from(clock.instant());
            if (exists) {
                jdbc.sql("update lead set process_checked_at = ? where id = ?").params(now, process.leadId()).update();
            } else if (markLost(process.leadId(), now)) {
                log.warn("Lead {} lost its process {}: the engine no longer has it", process.leadId(), process.processInstanceKey());
                timeline.record(process.leadId(), "PROCESS_LOST", Map.of("processInstanceKey", process.processInstanceKey()));
            }
        }
    }

    /** False when the process ended between the query and the question: an end is not a loss. */
    private boolean markLost(UUID leadId, Timestamp now) {
        return jdbc.sql("""
                        update lead set process_checked_at = :now, process_lost_at = :now
                        where id = :id and process_ended_at is null and process_lost_at is null
                        """)
                .param("now", now).param("id", leadId).update() == 1;
    }

    /** UP, with how many leads lost their process: a number to act on, not an outage. */
    @Override
    public Health health() {
        long lost = jdbc.sql("select count(*) from lead where process_lost_at is not null").query(Long.class).single();
        return Health.up().withDetail("leadsWithLostProcess", lost).build();
    }
}
