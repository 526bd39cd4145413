package io.leadflow.assignment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The SLA breach path of the sequence: escalate to the manager, then keep or reassign as the manager decided. */
@Component
public class SlaBreachWorker {

    private final SlaEscalation escalation;

    SlaBreachWorker(SlaEscalation escalation) {
        this.escalation = escalation;
    }

    @JobWorker(type = SequenceProcess.ESCALATE_SLA_BREACH)
    public SequenceProcess.Escalated escalate(@VariablesAsType SequenceProcess.Variables process,
                                              @Variable Integer slaEscalation) {
        // The first attempt's breach is decided at the sequence's level, where no attempt is in scope.
        Integer step = process.attempt() == null ? null : process.attempt().step();
        SlaEscalation.Breach breach = SlaEscalation.Breach.valueOf(process.breach());
        // Only the first attempt's breach is escalated again (once more at each new due missed); a step behind is flagged once.
        Integer escalated = breach == SlaEscalation.Breach.FIRST_ATTEMPT ? (slaEscalation == null ? 1 : slaEscalation + 1) : null;
        String manager = escalation.escalate(UUID.fromString(process.leadId()), breach, process.sequenceRound(), step,
                escalated == null ? 1 : escalated);
        return new SequenceProcess.Escalated(manager, escalated);
    }

    @JobWorker(type = SequenceProcess.KEEP_OWNER)
    public SequenceProcess.Kept keep(@VariablesAsType SequenceProcess.Variables process) {
        return new SequenceProcess.Kept(escalation.keep(UUID.fromString(process.leadId())).toOffsetDateTime().toString());
    }

    @JobWorker(type = SequenceProcess.REASSIGN_LEAD)
    public SequenceProcess.Reassigned reassign(@VariablesAsType SequenceProcess.Variables process) {
        SlaEscalation.Reassignment reassigned = escalation.reassign(UUID.fromString(process.leadId()), process.owner());
        return new SequenceProcess.Reassigned(reassigned.owner(), reassigned.firstContactDue().toOffsetDateTime().toString());
    }
}
