package io.leadflow.sequence;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.internal.MailboxPacing;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SequenceMetrics;
import io.leadflow.sequence.internal.SequenceOutcomeRepository;
import io.leadflow.tasklist.RepTaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How a lead's sequence ended, recorded once a round and counted: before its last attempt (what is still planned is
 * cancelled) or with no answer after it (the lead goes back to nurture). The exits themselves are the sequence model's.
 */
@Service
public class SequenceOutcomes {

    private final Leads leads;
    private final SequenceAttemptRepository attempts;
    private final SequenceOutcomeRepository outcomes;
    private final SequenceMetrics metrics;
    private final MailboxPacing mailboxPacing;
    private final RepTaskService repTasks;
    private final Timeline timeline;
    private final Clock clock;

    SequenceOutcomes(Leads leads, SequenceAttemptRepository attempts, SequenceOutcomeRepository outcomes, SequenceMetrics metrics,
                     MailboxPacing mailboxPacing, RepTaskService repTasks, Timeline timeline, Clock clock) {
        this.leads = leads;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.mailboxPacing = mailboxPacing;
        this.repTasks = repTasks;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * The sequence ended before its last attempt: the lead answered, booked, unsubscribed, bounced or was stopped.
     * {@code touchedSteps} are the steps of the touches the model saw made: a call that ends the sequence may not be
     * stored yet.
     */
    @Transactional
    public void recordExit(UUID leadId, String reason, List<Integer> touchedSteps) {
        outcomes.record(leadId, reason, touchedSteps.stream().mapToInt(Integer::intValue).max().orElse(0), clock.instant())
                .ifPresent(credit -> metrics.ended(attempts.of(leadId), touchedSteps, reason, credit));
        int cancelled = attempts.cancelPlanned(leadId, reason.toLowerCase(Locale.ROOT), clock.instant());
        mailboxPacing.release(leadId, clock.instant());
        repTasks.withdrawOpenTasksOf(leadId);
        timeline.record(leadId, Timeline.Type.SEQUENCE_ENDED, Map.of("reason", reason, "cancelledAttempts", cancelled));
    }

    /** Five attempts and no answer: back to nurture. */
    @Transactional
    public void recycleToNurture(UUID leadId, String model) {
        String reason = "no answer after the sequence";
        outcomes.record(leadId, SequenceOutcomeRepository.NO_ANSWER, 0, clock.instant())
                .ifPresent(credit -> metrics.ended(attempts.of(leadId), List.of(), SequenceOutcomeRepository.NO_ANSWER, credit));
        leads.moveTo(leadId, LeadStage.LEAD, reason, model);
        timeline.record(leadId, Timeline.Type.RECYCLED_TO_NURTURE, Map.of("reason", reason));
    }
}
