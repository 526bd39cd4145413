package io.leadflow.tasklist;

import io.leadflow.intake.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The embedded engine keeps its state in memory, so the open tasks of a previous run belong to
 * process instances that no longer exist: close them at start-up instead of showing reps tasks
 * that cannot be completed. Tasks of this run are never touched, whenever this runs.
 */
@Component
@ConditionalOnProperty(name = "leadflow.engine.mode", havingValue = "embedded", matchIfMissing = true)
class StaleTaskCleanup {

    private static final Logger log = LoggerFactory.getLogger(StaleTaskCleanup.class);

    private final RepTaskRepository tasks;
    private final Timeline timeline;
    private final Clock clock;

    StaleTaskCleanup(RepTaskRepository tasks, Timeline timeline, Clock clock) {
        this.tasks = tasks;
        this.timeline = timeline;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void closeTasksOfThePreviousRun() {
        List<RepTask> closed = tasks.cancelOpenOfOtherRuns(clock.instant());
        closed.forEach(task -> timeline.record(task.leadId(), "TASK_CANCELLED",
                Map.of("task", task.name(), "reason", "the embedded engine restarted")));
        if (!closed.isEmpty()) {
            log.warn("Closed {} open tasks of the previous run: the embedded engine does not keep process state across restarts", closed.size());
        }
    }
}
