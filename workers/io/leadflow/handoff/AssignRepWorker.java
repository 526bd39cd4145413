package io.leadflow.handoff;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

@Component
public class AssignRepWorker {

    private final HandoffService handoff;

    AssignRepWorker(HandoffService handoff) {
        this.handoff = handoff;
    }

    @JobWorker(type = "assign-rep")
    public Map<String, Object> assignRep(@Variable String leadId) {
        Assignment assignment = handoff.assign(UUID.fromString(leadId));
        return Map.of("owner", assignment.owner(), "ownerName", assignment.ownerName(),
                "ownerEmail", assignment.ownerEmail(), "taskDue", assignment.taskDue().toOffsetDateTime().toString());
    }
}
