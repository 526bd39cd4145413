package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Component
public class PlanSequenceWorker {

    private final SequenceService sequences;

    PlanSequenceWorker(SequenceService sequences) {
        this.sequences = sequences;
    }

    /** The cadence comes from the sequence-cadence DMN as a list of {step, channel, dayOffset}. */
    @JobWorker(type = "plan-sequence")
    public Map<String, Object> planSequence(@Variable String leadId, @Variable List<Map<String, Object>> cadence) {
        return Map.of("attempts", sequences.plan(UUID.fromString(leadId), CadenceStep.fromDecision(cadence)));
    }
}
