package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

@Component
public class RecordSequenceExitWorker {

    private final SequenceOutcomes outcomes;

    RecordSequenceExitWorker(SequenceOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @JobWorker(type = SequenceProcess.RECORD_SEQUENCE_EXIT)
    public void recordSequenceExit(@VariablesAsType SequenceProcess.Variables process) {
        outcomes.recordExit(UUID.fromString(process.leadId()), process.exitReason(),
                process.attemptOutcomes() == null ? List.of()
                        : process.attemptOutcomes().stream().map(SequenceProcess.AttemptOutcome::step).toList());
    }
}
