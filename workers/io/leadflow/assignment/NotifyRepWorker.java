package io.leadflow.assignment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.engine.ProcessModels;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.UUID;

@Component
public class NotifyRepWorker {

    private final RepNotifier notifier;
    private final ProcessModels models;

    NotifyRepWorker(RepNotifier notifier, ProcessModels models) {
        this.notifier = notifier;
        this.models = models;
    }

    /** The task the rep is told about is named where sales ops name it: the sequence model's First contact task. */
    @JobWorker(type = IdentifyProcess.NOTIFY_REP)
    public void notifyRep(@VariablesAsType IdentifyProcess.Variables process) {
        var task = models.userTask(SequenceProcess.ID, SequenceProcess.FIRST_CONTACT_TASK)
                .orElseThrow(() -> new IllegalStateException("lead-sequence.bpmn has no user task " + SequenceProcess.FIRST_CONTACT_TASK));
        notifier.notifyOwner(UUID.fromString(process.leadId()), task::name, OffsetDateTime.parse(process.taskDue()));
    }
}
