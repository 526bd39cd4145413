package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class RecycleToNurtureWorker {

    private final SequenceService sequences;

    RecycleToNurtureWorker(SequenceService sequences) {
        this.sequences = sequences;
    }

    @JobWorker(type = "recycle-to-nurture")
    public void recycleToNurture(@Variable String leadId) {
        sequences.recycleToNurture(UUID.fromString(leadId));
    }
}
