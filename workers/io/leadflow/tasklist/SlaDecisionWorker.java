package io.leadflow.tasklist;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The task list's part in a first-attempt SLA breach: whether the rep's first contact still waits when a new due
 * passes, the withdrawal of the manager's decision once the first contact closed first, and of the first contact the
 * engine gave up (the next attempt is due).
 */
@Component
public class SlaDecisionWorker {

    /** The manager's task of the breach (lead-sequence.bpmn). */
    static final String SLA_BREACH_TASK = "Task_SlaBreach";

    private final RepTaskService tasks;

    SlaDecisionWorker(RepTaskService tasks) {
        this.tasks = tasks;
    }

    @JobWorker(type = SequenceProcess.FIRST_CONTACT_OPEN)
    public SequenceProcess.FirstContactOpen firstContactOpen(@VariablesAsType SequenceProcess.SlaBreach breach) {
        return new SequenceProcess.FirstContactOpen(tasks.isOpen(UUID.fromString(breach.leadId()), SequenceProcess.FIRST_CONTACT_TASK));
    }

    /** Closed now: a kept or reassigned breach gave the call a due that may be later, when it would be found withdrawn. */
    @JobWorker(type = SequenceProcess.WITHDRAW_FIRST_CONTACT)
    public void withdrawFirstContact(@VariablesAsType SequenceProcess.Variables process) {
        tasks.withdraw(UUID.fromString(process.leadId()), SequenceProcess.FIRST_CONTACT_TASK,
                "the call was not made before the next attempt was due");
    }

    @JobWorker(type = SequenceProcess.WITHDRAW_SLA_DECISION)
    public void withdraw(@VariablesAsType SequenceProcess.SlaBreach breach) {
        tasks.withdraw(UUID.fromString(breach.leadId()), SLA_BREACH_TASK, "COMPLETED".equals(breach.firstContactClosed())
                ? "the rep made the first contact before the manager decided"
                : "the first contact closed before the manager decided (its time passed or the sequence ended)");
    }
}
