package io.leadflow.intake;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores an arriving lead (or merges it into the same person's lead) together with the intent to
 * start its process, in one transaction, and answers: {@link LeadProcessStarter} starts the
 * process from there, once, whatever the engine's state at that moment.
 */
@Service
public class LeadService {

    public record Outcome(UUID id, boolean created) {
    }

    private final LeadRepository leads;
    private final Timeline timeline;
    private final ProcessStartQueue starts;
    private final LeadProcessStarter starter;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeadService(LeadRepository leads, Timeline timeline, ProcessStartQueue starts, LeadProcessStarter starter,
                TransactionTemplate transaction, Clock clock) {
        this.leads = leads;
        this.timeline = timeline;
        this.starts = starts;
        this.starter = starter;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Outcome submit(LeadSubmission submission) {
        return submitAll(List.of(submission)).getFirst();
    }

    /**
     * Stores several leads in one transaction (an import's chunk), in order: a later one that is the
     * same person as an earlier one merges into it.
     */
    public List<Outcome> submitAll(List<LeadSubmission> submissions) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = transaction.execute(status -> submissions.stream().map(this::store).toList());
        if (outcomes.stream().anyMatch(Outcome::created)) {
            starter.wake();
        }
        return outcomes;
    }

    private Outcome store(LeadSubmission submission) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        if (leads.insertIfNew(id, submission, now)) {
            timeline.record(id, "RECEIVED", received(submission));
            starts.request(id, now);
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
}
