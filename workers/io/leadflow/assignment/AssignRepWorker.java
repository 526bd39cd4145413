package io.leadflow.assignment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.IdentifyProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class AssignRepWorker {

    private final AssignmentService assignments;

    AssignRepWorker(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @JobWorker(type = IdentifyProcess.ASSIGN_REP)
    public IdentifyProcess.Assigned assignRep(@VariablesAsType IdentifyProcess.Variables process) {
        Assignment assignment = assignments.assign(UUID.fromString(process.leadId()), process.team());
        return new IdentifyProcess.Assigned(assignment.owner(), assignment.taskDue().toOffsetDateTime().toString());
    }
}
