package io.leadflow.sequence;

import io.leadflow.assignment.FirstAttemptSla;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * How each attempt of a lead's sequence went: made (when, with what outcome, the working hours it took from its
 * planned moment: the SLA's measure) or skipped, and the first-attempt SLA met.
 */
@Service
public class AttemptTouches {

    private final Leads leads;
    private final SequenceAttemptRepository attempts;
    private final BusinessHoursCalendar calendar;
    private final FirstAttemptSla firstAttemptSla;
    private final Clock clock;

    AttemptTouches(Leads leads, SequenceAttemptRepository attempts, BusinessHoursCalendar calendar,
                   FirstAttemptSla firstAttemptSla, Clock clock) {
        this.leads = leads;
        this.attempts = attempts;
        this.calendar = calendar;
        this.firstAttemptSla = firstAttemptSla;
        this.clock = clock;
    }

    /**
     * The rep made the call or social touch of attempt {@code step} now, with its {@code outcome}; the
     * {@code firstContact} made by its due meets the first-attempt SLA.
     */
    public void done(UUID leadId, int step, String outcome, boolean firstContact) {
        Instant now = clock.instant();
        Optional<SequenceAttempt> attempt = made(leads.get(leadId), step, outcome, now);
        if (firstContact && attempt.filter(a -> !now.isAfter(a.due())).isPresent()) {
            firstAttemptSla.met();
        }
    }

    /** The call or social touch of attempt {@code step} was not done: withdrawn, or its window passed. */
    public void notDone(UUID leadId, int step) {
        skipped(leadId, step, "not-done");
    }

    /** The email of attempt {@code step} was queued now. */
    void emailSent(Lead lead, int step) {
        made(lead, step, "email-sent", clock.instant());
    }

    /** Attempt {@code step} will not be made, for {@code reason}. */
    void skipped(UUID leadId, int step, String reason) {
        attempts.update(leadId, step, SequenceAttempt.Status.SKIPPED, reason, clock.instant());
    }

    /**
     * Settles the attempt as made {@code now}, with the working hours it took from its planned moment; the attempt as
     * planned, if the lead's plan has it.
     */
    private Optional<SequenceAttempt> made(Lead lead, int step, String outcome, Instant now) {
        Optional<SequenceAttempt> attempt = attempts.of(lead.id()).stream().filter(planned -> planned.step() == step).findFirst();
        double workingHours = attempt
                .map(planned -> calendar.workingTimeBetween(planned.plannedAt(), now, lead.facts().country(), lead.zone()))
                .map(taken -> taken.toSeconds() / 3600.0)
                .orElse(0.0);
        attempts.made(lead.id(), step, outcome, now, workingHours);
        return attempt;
    }
}
