package io.leadflow.intake.internal;

import io.leadflow.engine.ProcessEngine;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.intake.IntakeProperties;
import io.leadflow.process.JourneyProcess;
import io.leadflow.platform.RetryBackoff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drains {@link ProcessStartQueue} into the engine with bounded concurrency. Each lead's process is
 * started through the identify model's message start event, correlated by the lead's id and keyed by
 * the lead's id and run, so a start retried after a timeout (whose first try the engine may well have
 * done) never makes a second instance: the engine refuses the same message id and keeps one active
 * instance per lead.
 */
@Component
class LeadProcessStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeadProcessStarter.class);

    private final ProcessStartQueue queue;
    private final Leads leads;
    private final ProcessEngine engine;
    private final Timeline timeline;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final IntakeProperties settings;
    private final RetryBackoff retry;
    private final Semaphore inFlight;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Thread drainer;

    LeadProcessStarter(ProcessStartQueue queue, Leads leads, ProcessEngine engine, Timeline timeline, Clock clock,
                       TransactionTemplate transaction, IntakeProperties settings, MeterRegistry meters) {
        this.queue = queue;
        this.leads = leads;
        this.engine = engine;
        this.timeline = timeline;
        this.clock = clock;
        this.transaction = transaction;
        this.settings = settings;
        this.retry = settings.processStart().backoff();
        this.inFlight = new Semaphore(settings.processStart().maxInFlight());
        Gauge.builder("leadflow.intake.process.starts.pending", queue, ProcessStartQueue::pending)
                .description("leads stored whose process is not started yet").register(meters);
    }

    /** A lead was stored with its start: look at once rather than at the next poll. */
    void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        // Assigned before it runs: the loop goes on while it is the current drainer.
        Thread thread = Thread.ofPlatform().daemon().name("leadflow-process-starts").unstarted(this::drain);
        drainer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = drainer;
        drainer = null;
        if (running != null) {
            running.interrupt();
        }
        starts.shutdown();
        try {
            starts.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return drainer != null;
    }

    /** After the engine's client and the workers, before them on the way down. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    private void drain() {
        while (drainer == Thread.currentThread()) {
            try {
                if (!drainOnce()) {
                    wakeUp.tryAcquire(settings.processStart().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Could not read the process starts to do; trying again: {}", e.getMessage());
                sleep(settings.processStart().pollInterval());
            }
        }
    }

    /** Starts what is due, as far as there is room in flight; returns whether more may be due. */
    private boolean drainOnce() throws InterruptedException {
        // Claim only what can be sent now, so a claimed start never waits out its lease in memory.
        inFlight.acquire();
        int available = 1 + inFlight.drainPermits();
        int limit = Math.min(available, settings.processStart().batchSize());
        List<ProcessStartQueue.PendingStart> claimed;
        Map<UUID, Lead> claimedLeads;
        try {
            claimed = queue.claim(clock.instant(), settings.processStart().lease(), limit);
            // The start message carries the lead's facts: one read for the batch, not one per start.
            claimedLeads = leads.findAll(claimed.stream().map(ProcessStartQueue.PendingStart::leadId).toList());
        } catch (RuntimeException e) {
            inFlight.release(available);
            throw e;
        }
        inFlight.release(available - claimed.size());
        claimed.forEach(start -> starts.execute(() -> {
            try {
                send(start, claimedLeads.get(start.leadId()));
            } finally {
                inFlight.release();
            }
        }));
        return claimed.size() == limit;
    }

    private void send(ProcessStartQueue.PendingStart start, Lead lead) {
        try {
            if (lead == null) {
                throw new LeadNotFoundException(start.leadId());
            }
            engine.startOnce(JourneyProcess.LEAD_ARRIVED, lead.id().toString(), start.messageId(), JourneyProcess.Variables.start(
                    lead.id().toString(), lead.type().name(), lead.facts().country() == null ? "" : lead.facts().country(),
                    lead.facts().timeZone(), lead.facts().language(), lead.facts().personKnown()));
            // One transaction: a crash between the two would leave the start marked and the timeline without it.
            transaction.executeWithoutResult(status -> {
                if (queue.markStarted(start, clock.instant())) {
                    timeline.record(start.leadId(), Timeline.Type.PROCESS_STARTED, Map.of("process", JourneyProcess.ID, "run", start.run()));
                }
            });
        } catch (RuntimeException e) {
            Duration backoff = retry.afterFailures(start.attempts());
            log.warn("Could not start {} for lead {} (attempt {}); trying again in {}: {}", JourneyProcess.ID,
                    start.leadId(), start.attempts(), backoff, e.getMessage());
            queue.retryLater(start, clock.instant().plus(backoff), String.valueOf(e.getMessage()));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
