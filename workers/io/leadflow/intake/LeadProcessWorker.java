package io.leadflow.intake;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.process.JourneyProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The lead journey's execution listeners: which instance a lead runs in, and when it ends. */
@Component
public class LeadProcessWorker {

    private final LeadProcesses processes;

    LeadProcessWorker(LeadProcesses processes) {
        this.processes = processes;
    }

    @JobWorker(type = JourneyProcess.RECORD_PROCESS_START)
    public void recordProcessStart(ActivatedJob job, @VariablesAsType JourneyProcess.Variables process) {
        processes.started(UUID.fromString(process.leadId()), job.getProcessInstanceKey());
    }

    @JobWorker(type = JourneyProcess.RECORD_PROCESS_END)
    public void recordProcessEnd(ActivatedJob job, @VariablesAsType JourneyProcess.Variables process) {
        processes.ended(UUID.fromString(process.leadId()), job.getProcessInstanceKey());
    }
}
