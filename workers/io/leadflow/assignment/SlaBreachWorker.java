package io.leadflow.assignment;

import io.camunda.client.annotation.JobWorker;
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
    public SequenceProcess.Escalated escalate(@VariablesAsType SequenceProcess.Variables process) {
        // The first attempt's breach is decided at the sequence's level, where no attempt is in scope.
        Integer step = process.attempt() == null ? null : process.attempt().step();
        return new SequenceProcess.Escalated(escalation.escalate(UUID.fromString(process.leadId()),
                SlaEscalation.Breach.valueOf(process.breach()), process.sequenceRound(), step));
    }

    @JobWorker(type = SequenceProcess.KEEP_OWNER)
    public void keep(@VariablesAsType SequenceProcess.Variables process) {
        escalation.keep(UUID.fromString(process.leadId()));
    }

    @JobWorker(type = SequenceProcess.REASSIGN_LEAD)
    public SequenceProcess.Reassigned reassign(@VariablesAsType SequenceProcess.Variables process) {
        return new SequenceProcess.Reassigned(escalation.reassign(UUID.fromString(process.leadId()), process.owner()));
    }
}
