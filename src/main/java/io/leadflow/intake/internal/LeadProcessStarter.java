package io.leadflow.intake.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.intake.IntakeProperties;
import io.leadflow.platform.RetryBackoff;
import io.leadflow.platform.WorkQueue;
import io.leadflow.platform.WorkQueues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Works the {@link ProcessStartQueue} (a {@link WorkQueue} with leases, up to {@code max-in-flight} starts at once).
 * Each lead's {@link LeadJourney} is started once per lead and run, so a start retried after a timeout (whose first try
 * the engine may well have done) never makes a second instance.
 */
@Component
class LeadProcessStarter implements WorkQueue.Worker<LeadProcessStarter.ClaimedStart> {

    private static final Logger log = LoggerFactory.getLogger(LeadProcessStarter.class);
    /** Long enough for the starts in flight to end within the engine client's request timeout. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** A claimed start with the lead it starts (null: the lead is gone). */
    record ClaimedStart(ProcessStartQueue.PendingStart start, Lead lead) {
    }

    private final ProcessStartQueue queue;
    private final Leads leads;
    private final LeadJourney journey;
    private final Timeline timeline;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final RetryBackoff retry;
    private final WorkQueue<ClaimedStart> starts;

    LeadProcessStarter(ProcessStartQueue queue, Leads leads, LeadJourney journey, Timeline timeline, Clock clock,
                       TransactionTemplate transaction, IntakeProperties settings, WorkQueues workQueues,
                       MeterRegistry meters) {
        this.queue = queue;
        this.leads = leads;
        this.journey = journey;
        this.timeline = timeline;
        this.clock = clock;
        this.transaction = transaction;
        IntakeProperties.ProcessStart startSettings = settings.processStart();
        this.retry = startSettings.backoff();
        this.starts = workQueues.create("process-starts", new WorkQueue.Settings(WorkQueue.Claim.LEASE,
                startSettings.maxInFlight(), startSettings.batchSize(), startSettings.pollInterval(), STOP_WAIT),
                WorkQueue.Store.of((now, limit) -> {
                    List<ProcessStartQueue.PendingStart> claimed = queue.claim(now, startSettings.lease(), limit);
                    // The start message carries the lead's facts: one read for the batch, not one per start.
                    Map<UUID, Lead> claimedLeads = leads.findAll(claimed.stream().map(ProcessStartQueue.PendingStart::leadId).toList());
                    return claimed.stream().map(start -> new ClaimedStart(start, claimedLeads.get(start.leadId()))).toList();
                }, queue::backlog), this);
        Gauge.builder("leadflow.intake.process.starts.pending", queue, ProcessStartQueue::pending)
                .description("leads stored whose process is not started yet").register(meters);
    }

    /** A lead was stored with its start: look at once rather than at the next poll. */
    void wake() {
        starts.wake();
    }

    /** A failed start is tried again after the backoff: the engine's answer says nothing of the next lead's. */
    @Override
    public boolean work(ClaimedStart claimed) {
        ProcessStartQueue.PendingStart start = claimed.start();
        Lead lead = claimed.lead();
        try {
            if (lead == null) {
                throw new LeadNotFoundException(start.leadId());
            }
            journey.start(lead, start.messageId());
            // One transaction: a crash between the two would leave the start marked and the timeline without it.
            transaction.executeWithoutResult(status -> {
                if (queue.markStarted(start, clock.instant())) {
                    timeline.record(start.leadId(), Timeline.Type.PROCESS_STARTED, Map.of("process", journey.name(), "run", start.run()));
                }
            });
        } catch (RuntimeException e) {
            Duration backoff = retry.afterFailures(start.attempts());
            log.warn("Could not start {} for lead {} (attempt {}); trying again in {}: {}", journey.name(),
                    start.leadId(), start.attempts(), backoff, e.getMessage());
            queue.retryLater(start, clock.instant().plus(backoff), String.valueOf(e.getMessage()));
        }
        return true;
    }
}
