package io.leadflow.intake.internal;

import io.leadflow.lead.Leads;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Stores an arriving lead (or merges it into the same person's lead) together with the intent to
 * start its process, in one transaction, and answers: {@link LeadProcessStarter} starts the
 * process from there, once, whatever the engine's state at that moment.
 */
@Service
class LeadService {

    private final Leads leads;
    private final ProcessStartQueue starts;
    private final LeadProcessStarter starter;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeadService(Leads leads, ProcessStartQueue starts, LeadProcessStarter starter, TransactionTemplate transaction, Clock clock) {
        this.leads = leads;
        this.starts = starts;
        this.starter = starter;
        this.transaction = transaction;
        this.clock = clock;
    }

    Leads.Received submit(LeadSubmission submission) {
        return submitAll(List.of(submission)).getFirst();
    }

    /**
     * Stores several leads in one transaction (an import's chunk), in order: a later one that is the
     * same person as an earlier one merges into it.
     */
    List<Leads.Received> submitAll(List<LeadSubmission> submissions) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        List<Leads.Received> outcomes = transaction.execute(status -> submissions.stream().map(this::store).toList());
        if (outcomes.stream().anyMatch(Leads.Received::created)) {
            starter.wake();
        }
        return outcomes;
    }

    private Leads.Received store(LeadSubmission submission) {
        Leads.Received received = leads.receive(submission.type(), submission.facts(), submission.companyLeadId());
        if (received.created()) {
            starts.request(received.id(), clock.instant());
        }
        return received;
    }
}
