package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.process.ModelVersion;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class RecycleToNurtureWorker {

    private final SequenceOutcomes outcomes;

    RecycleToNurtureWorker(SequenceOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @JobWorker(type = SequenceProcess.RECYCLE_TO_NURTURE)
    public void recycleToNurture(ActivatedJob job, @VariablesAsType SequenceProcess.Variables process) {
        outcomes.recycleToNurture(UUID.fromString(process.leadId()), ModelVersion.of(job));
    }
}
