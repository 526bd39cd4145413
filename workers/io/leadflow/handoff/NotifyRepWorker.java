package io.leadflow.handoff;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.leadflow.engine.ProcessModels;
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
    @JobWorker(type = "notify-rep")
    public void notifyRep(@Variable String leadId, @Variable String taskDue) {
        String task = models.userTask("lead-sequence", "Task_FirstContact")
                .orElseThrow(() -> new IllegalStateException("lead-sequence.bpmn has no user task Task_FirstContact"))
                .name();
        notifier.notifyOwner(UUID.fromString(leadId), task, OffsetDateTime.parse(taskDue));
    }
}
