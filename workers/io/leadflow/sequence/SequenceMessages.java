package io.leadflow.sequence;

import io.leadflow.email.ReplyIntent;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.process.JourneyProcess;
import io.leadflow.process.NurtureProcess;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.internal.LeadProcess;
import io.leadflow.tasklist.RepTaskService.RepTaskClosed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What the sequence tells a lead's process, as the messages of lead-sequence, lead-nurture and lead-journey with the
 * variables they read; each is correlated by the lead's id.
 */
@Component
class SequenceMessages implements LeadProcess {

    private final ProcessEngine engine;

    SequenceMessages(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public void sequenceEnded(UUID leadId, SequenceExits.Exit exit) {
        engine.publishMessage(SequenceProcess.SEQUENCE_EXIT, leadId.toString(), new SequenceProcess.Exit(exit.name()));
    }

    @Override
    public void replied(UUID leadId, ReplyIntent intent, String referral, LocalDate returnsOn) {
        engine.publishMessage(SequenceProcess.SEQUENCE_EXIT, leadId.toString(), new SequenceProcess.ReplyExit(
                SequenceExits.Exit.REPLIED.name(), intent.name(), referral, returnsOn == null ? null : returnsOn.toString()));
    }

    @Override
    public void engaged(UUID leadId, String sign) {
        engine.publishMessage(NurtureProcess.LEAD_ENGAGED, leadId.toString(), new NurtureProcess.Engaged(sign));
    }

    @Override
    public void rescheduled(UUID leadId) {
        engine.publishMessage(SequenceProcess.SEQUENCE_RESCHEDULED, leadId.toString(), Map.of());
    }

    @Override
    public void nurtureDateChanged(UUID leadId, LocalDate until) {
        // Only the wait now under way may take it: the journey's next dated nurture must not find it kept.
        engine.publishMessageToWaiting(JourneyProcess.NURTURE_DATE_CHANGED, leadId.toString(),
                new JourneyProcess.NurtureDateChanged(until.toString()));
    }

    /**
     * Tells the sequence that the lead's first contact closed, made or withdrawn, once that is committed: a manager still
     * asked to keep or reassign the late lead is asked no more, and a re-armed SLA stops waiting. The engine keeps the
     * message a while, so a breach escalated at the same moment hears it too.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void firstContactClosed(RepTaskClosed closed) {
        if (SequenceProcess.FIRST_CONTACT_TASK.equals(closed.elementId())) {
            engine.publishMessage(SequenceProcess.FIRST_CONTACT_CLOSED, closed.leadId().toString(),
                    new SequenceProcess.FirstContactClosed(closed.status().name()));
        }
    }
}
