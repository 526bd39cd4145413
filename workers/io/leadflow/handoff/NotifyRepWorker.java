package io.leadflow.handoff;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.UUID;

@Component
public class NotifyRepWorker {

    private final RepNotifier notifier;

    NotifyRepWorker(RepNotifier notifier) {
        this.notifier = notifier;
    }

    @JobWorker(type = "notify-rep")
    public void notifyRep(@Variable String leadId, @Variable String taskDue) {
        notifier.notifyOwner(UUID.fromString(leadId), "First contact", OffsetDateTime.parse(taskDue));
    }
}
