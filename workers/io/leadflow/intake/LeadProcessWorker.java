package io.leadflow.intake;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The identify process's execution listeners: which instance a lead runs in, and when it ends. */
@Component
public class LeadProcessWorker {

    private final LeadProcesses processes;

    LeadProcessWorker(LeadProcesses processes) {
        this.processes = processes;
    }

    @JobWorker(type = "record-process-start")
    public void recordProcessStart(ActivatedJob job, @Variable String leadId) {
        processes.started(UUID.fromString(leadId), job.getProcessInstanceKey());
    }

    @JobWorker(type = "record-process-end")
    public void recordProcessEnd(@Variable String leadId) {
        processes.ended(UUID.fromString(leadId));
    }
}
