package io.leadflow.tasklist.internal;

import io.leadflow.engine.ProcessEngine;
import io.leadflow.platform.RetryBackoff;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.TasklistProperties;
import io.leadflow.tasklist.internal.RepTaskRepository.PendingCompletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Delivers recorded completions to the engine until it answers: right after the completion is committed, and again
 * from the database for those a crash or an engine error left pending. Each try is counted in the database before the
 * engine is asked, so "the engine has no such job" means, on the first try, that the process withdrew the task before
 * the completion reached it; on a later one it counts as delivered, an earlier try most likely got through (the
 * engine refuses a second completion of a job: a retry never completes twice).
 */
@Component
public class CompletionDelivery implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CompletionDelivery.class);
    private static final int BATCH = 100;

    private final RepTaskRepository tasks;
    private final ProcessEngine engine;
    private final Clock clock;
    private final RetryBackoff retry;
    private final TasklistProperties settings;

    CompletionDelivery(RepTaskRepository tasks, ProcessEngine engine, Clock clock, TasklistProperties settings) {
        this.tasks = tasks;
        this.engine = engine;
        this.clock = clock;
        this.retry = settings.completionRetry().backoff();
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar scheduled) {
        scheduled.addFixedDelayTask(this::deliverDue, settings.reconcileInterval());
    }

    /** When a completion just recorded may be tried again, should its first try not settle it. */
    public Instant retryAfterRecording() {
        return clock.instant().plus(retry.afterFailures(1));
    }

    /** Tries each due pending completion once; stops at the first the engine does not answer (it is likely down). */
    public void deliverDue() {
        for (PendingCompletion completion : tasks.completionsDue(clock.instant(), BATCH)) {
            if (!deliver(completion)) {
                return;
            }
        }
    }

    /**
     * Sends the completion to the engine unless another try has it; returns false when the engine gave no answer (it
     * stays pending, tried again after the backoff).
     */
    public boolean deliver(PendingCompletion completion) {
        int attempt = completion.tries() + 1;
        if (!tasks.claimTry(completion, clock.instant().plus(retry.afterFailures(attempt)))) {
            return true;
        }
        boolean completed;
        try {
            completed = engine.completeJob(completion.jobKey(), completion.result());
        } catch (RuntimeException e) {
            log.warn("The engine did not take the completion of task {} (try {}); trying again later: {}",
                    completion.jobKey(), attempt, e.getMessage());
            return false;
        }
        tasks.settleDelivery(completion.jobKey(), completed || attempt > 1
                ? RepTask.Delivery.DELIVERED : RepTask.Delivery.PROCESS_MOVED_ON);
        return true;
    }
}
