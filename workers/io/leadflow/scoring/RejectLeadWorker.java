package io.leadflow.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.process.ModelVersion;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class RejectLeadWorker {

    private final Rejections rejections;

    RejectLeadWorker(Rejections rejections) {
        this.rejections = rejections;
    }

    /** The sequence's instance is the hand-off: its key keeps a redelivered job from rejecting twice. */
    @JobWorker(type = SequenceProcess.REJECT_LEAD)
    public void rejectLead(ActivatedJob job, @VariablesAsType SequenceProcess.Variables process) {
        rejections.reject(UUID.fromString(process.leadId()), job.getProcessInstanceKey(), process.rejection().reason(),
                process.rejection().other(), process.owner(), ModelVersion.of(job));
    }
}
