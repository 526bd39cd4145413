package io.leadflow.tasklist.internal;

import io.leadflow.lead.Timeline;
import io.leadflow.tasklist.RepTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Open tasks handed out by another engine (the embedded engine's data directory was deleted, or
 * leadflow moved to another cluster) belong to process instances this engine does not have: close
 * them at start-up, on the lead's timeline, instead of showing reps tasks that cannot be completed.
 * A restart of the same engine closes nothing.
 */
@Component
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
    public void closeTasksOfAnotherEngine() {
        List<RepTask> closed = tasks.cancelOpenOfOtherEngines(clock.instant());
        closed.forEach(task -> timeline.record(task.leadId(), Timeline.Type.TASK_CANCELLED,
                Map.of("task", task.name(), "element", task.elementId(), "reason", "the process engine's state this task belonged to is gone")));
        if (!closed.isEmpty()) {
            log.warn("Closed {} open tasks handed out by another engine (its state is gone)", closed.size());
        }
    }
}
