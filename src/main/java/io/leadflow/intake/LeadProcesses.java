package io.leadflow.intake;

import io.leadflow.engine.EngineIdentity;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessInstances;
import io.leadflow.lead.Timeline;
import io.leadflow.intake.internal.ProcessStartQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each lead's process as leadflow knows it ({@code lead_process}): the instance it runs in and
 * whether it ended. A slow sweep asks the engine about live ones, a page at a time, and flags a lead
 * whose process is gone (on its timeline, in {@code /actuator/health} and in the lead events
 * metric) instead of letting its planned steps wait forever.
 */
@Component("leadProcesses")
public class LeadProcesses implements HealthIndicator, SchedulingConfigurer {

    record LiveProcess(UUID leadId, long processInstanceKey, String engineId) {
    }

    private static final Logger log = LoggerFactory.getLogger(LeadProcesses.class);
    private static final int PAGE = 200;

    private final JdbcClient jdbc;
    private final ProcessEngine engine;
    private final ProcessInstances instances;
    private final EngineIdentity engineIdentity;
    private final Timeline timeline;
    private final Clock clock;
    private final IntakeProperties settings;
    private final ProcessStartQueue starts;

    LeadProcesses(JdbcClient jdbc, ProcessEngine engine, ProcessInstances instances, EngineIdentity engineIdentity,
                  Timeline timeline, Clock clock, IntakeProperties settings, ProcessStartQueue starts) {
        this.jdbc = jdbc;
        this.starts = starts;
        this.engine = engine;
        this.instances = instances;
        this.engineIdentity = engineIdentity;
        this.timeline = timeline;
        this.clock = clock;
        this.settings = settings;
    }

    public void started(UUID leadId, long processInstanceKey) {
        jdbc.sql("update lead_process set process_instance_key = ?, engine_id = ? where lead_id = ?")
                .params(processInstanceKey, engineIdentity.id(), leadId).update();
    }

    /** By instance: a late repeat of an earlier run's end must not end the lead's next run. */
    public void ended(UUID leadId, long processInstanceKey) {
        jdbc.sql("update lead_process set ended_at = ? where lead_id = ? and process_instance_key = ? and ended_at is null")
                .params(Timestamp.from(clock.instant()), leadId, processInstanceKey).update();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::reconcile, settings.reconcileInterval());
    }

    public void reconcile() {
        List<LiveProcess> page = jdbc.sql("""
                        select lead_id, process_instance_key, engine_id from lead_process
                        where process_instance_key is not null and ended_at is null and lost_at is null
                        order by engine_id is not distinct from :engine, checked_at nulls first limit :page
                        """)
                .param("engine", engineIdentity.id())
                .param("page", PAGE)
                .query((rs, row) -> new LiveProcess(rs.getObject("lead_id", UUID.class), rs.getLong("process_instance_key"),
                        rs.getString("engine_id")))
                .list();
        for (LiveProcess process : page) {
            boolean exists;
            try {
                // Another engine's instance key means nothing here (its data directory was replaced). The process view
                // answers for most instances; only those it does not show live are asked of the engine.
                exists = engineIdentity.id().equals(process.engineId()) && (instances.shownLive(process.processInstanceKey())
                        || engine.processInstanceExists(process.processInstanceKey()));
            } catch (RuntimeException e) {
                log.warn("Could not ask the engine about lead {}'s process: {}", process.leadId(), e.getMessage());
                return;
            }
            Timestamp now = Timestamp.from(clock.instant());
            if (exists) {
                jdbc.sql("update lead_process set checked_at = ? where lead_id = ?").params(now, process.leadId()).update();
            } else if (markLost(process.leadId(), now)) {
                log.warn("Lead {} lost its process {}: the engine no longer has it", process.leadId(), process.processInstanceKey());
                timeline.record(process.leadId(), Timeline.Type.PROCESS_LOST, Map.of("processInstanceKey", process.processInstanceKey()));
            }
        }
    }

    /** False when the process ended between the query and the question: an end is not a loss. */
    private boolean markLost(UUID leadId, Timestamp now) {
        return jdbc.sql("""
                        update lead_process set checked_at = :now, lost_at = :now
                        where lead_id = :id and ended_at is null and lost_at is null
                        """)
                .param("now", now).param("id", leadId).update() == 1;
    }

    /** UP, with how many leads lost their process and how many wait for theirs to start: numbers to act on, not an outage. */
    @Override
    public Health health() {
        long lost = jdbc.sql("select count(*) from lead_process where lost_at is not null").query(Long.class).single();
        return Health.up().withDetail("leadsWithLostProcess", lost).withDetail("processStartsPending", starts.pending()).build();
    }
}
