package io.leadflow.intake;

import io.leadflow.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stores an arriving lead (or merges it into the same person's lead) and starts its identify process
 * once. The lead is committed before the process starts, so an engine outage loses nothing: the
 * start is retried until it succeeds.
 */
@Service
public class LeadService {

    public static final String IDENTIFY_PROCESS = "lead-identify";

    private static final Logger log = LoggerFactory.getLogger(LeadService.class);
    private static final Duration START_RETRY_AFTER = Duration.ofSeconds(30);

    public record Outcome(UUID id, boolean created) {
    }

    private final LeadRepository leads;
    private final Timeline timeline;
    private final ProcessEngine engine;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeadService(LeadRepository leads, Timeline timeline, ProcessEngine engine, TransactionTemplate transaction, Clock clock) {
        this.leads = leads;
        this.timeline = timeline;
        this.engine = engine;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Outcome submit(LeadSubmission submission) {
        Outcome outcome = transaction.execute(status -> store(submission));
        if (outcome.created()) {
            startProcess(outcome.id());
        }
        return outcome;
    }

    private Outcome store(LeadSubmission submission) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        if (leads.insertIfNew(id, submission, now)) {
            timeline.record(id, "RECEIVED", received(submission));
            return new Outcome(id, true);
        }
        Lead existing = leads.findSame(submission).orElseThrow();
        Map<String, Object> changes = leads.merge(existing, submission, now);
        Map<String, Object> details = received(submission);
        details.put("changes", changes);
        timeline.record(existing.id(), "MERGED", details);
        return new Outcome(existing.id(), false);
    }

    private static Map<String, Object> received(LeadSubmission submission) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("leadType", submission.type().name());
        if (submission.source() != null) {
            details.put("source", submission.source());
        }
        return details;
    }

    private void startProcess(UUID id) {
        Lead lead = leads.get(id);
        try {
            Map<String, Object> variables = Map.of(
                    "leadId", id.toString(),
                    "leadType", lead.type().name(),
                    "country", lead.country() == null ? "" : lead.country(),
                    "timeZone", lead.timeZone().getId(),
                    "language", lead.language());
            long key = engine.startProcess(IDENTIFY_PROCESS, variables);
            leads.setProcessInstance(id, key);
            timeline.record(id, "PROCESS_STARTED", Map.of("process", IDENTIFY_PROCESS, "processInstanceKey", key));
        } catch (RuntimeException e) {
            log.warn("Could not start {} for lead {}; will retry: {}", IDENTIFY_PROCESS, id, e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${leadflow.intake.start-retry-interval:PT30S}")
    void retryProcessStarts() {
        leads.findWithoutProcess(clock.instant().minus(START_RETRY_AFTER), 100).forEach(this::startProcess);
    }
}
