package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class RecordSequenceExitWorker {

    private final SequenceService sequences;

    RecordSequenceExitWorker(SequenceService sequences) {
        this.sequences = sequences;
    }

    @JobWorker(type = "record-sequence-exit")
    public void recordSequenceExit(@Variable String leadId, @Variable String exitReason) {
        sequences.recordExit(UUID.fromString(leadId), exitReason);
    }
}
