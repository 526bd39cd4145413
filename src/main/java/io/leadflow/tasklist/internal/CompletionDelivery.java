package io.leadflow.tasklist.internal;

import io.leadflow.engine.ProcessEngine;
import io.leadflow.platform.RetryBackoff;
import io.leadflow.platform.WorkQueue;
import io.leadflow.platform.WorkQueues;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.TasklistProperties;
import io.leadflow.tasklist.internal.RepTaskRepository.PendingCompletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers recorded completions to the engine until it answers: right after the completion is committed, and again
 * from the database ({@link WorkQueue} with leases) for those a crash or an engine error left pending. Each try is
 * counted in the database before the engine is asked, so "the engine has no such job" means, on the first try, that
 * the process withdrew the task before the completion reached it; on a later one it counts as delivered, an earlier try
 * most likely got through (the engine refuses a second completion of a job: a retry never completes twice).
 */
@Component
public class CompletionDelivery implements WorkQueue.Worker<PendingCompletion> {

    private static final Logger log = LoggerFactory.getLogger(CompletionDelivery.class);
    /** Tries at once: a burst of completions is mostly delivered as each is recorded, these are the ones left over. */
    private static final int IN_FLIGHT = 4;
    private static final int BATCH = 100;
    /** Long enough for the tries in flight to end within the engine client's request timeout. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final RepTaskRepository tasks;
    private final ProcessEngine engine;
    private final Clock clock;
    private final RetryBackoff retry;
    private final WorkQueue<PendingCompletion> queue;

    CompletionDelivery(RepTaskRepository tasks, ProcessEngine engine, Clock clock, TasklistProperties settings,
                       WorkQueues workQueues) {
        this.tasks = tasks;
        this.engine = engine;
        this.clock = clock;
        this.retry = settings.completionRetry().backoff();
        this.queue = workQueues.create("task-completions", new WorkQueue.Settings(WorkQueue.Claim.LEASE, IN_FLIGHT, BATCH,
                settings.reconcileInterval(), STOP_WAIT), WorkQueue.Store.of(
                (now, limit) -> tasks.claimDue(now, now.plus(retry.afterFailures(1)), limit), tasks::completionsBacklog), this);
    }

    /** When a completion just recorded may be tried again, should its first try not settle it. */
    public Instant retryAfterRecording() {
        return clock.instant().plus(retry.afterFailures(1));
    }

    /**
     * Sends a completion just recorded to the engine unless another try has it; returns false when the engine gave no
     * answer (it stays pending, tried again after the backoff).
     */
    public boolean deliver(PendingCompletion completion) {
        return !tasks.claimTry(completion, clock.instant().plus(retry.afterFailures(completion.tries() + 1)))
                || work(completion);
    }

    /** One claimed try; false when the engine gave no answer (likely down): tried again after the backoff. */
    @Override
    public boolean work(PendingCompletion completion) {
        int attempt = completion.tries() + 1;
        boolean completed;
        try {
            completed = engine.completeJob(completion.jobKey(), completion.result());
        } catch (RuntimeException e) {
            log.warn("The engine did not take the completion of task {} (try {}); trying again later: {}",
                    completion.jobKey(), attempt, e.getMessage());
            tasks.retryLater(completion.jobKey(), clock.instant().plus(retry.afterFailures(attempt)));
            return false;
        }
        tasks.settleDelivery(completion.jobKey(), completed || attempt > 1
                ? RepTask.Delivery.DELIVERED : RepTask.Delivery.PROCESS_MOVED_ON);
        return true;
    }
}
