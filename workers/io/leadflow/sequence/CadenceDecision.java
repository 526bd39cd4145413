package io.leadflow.sequence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.lead.LeadType;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.internal.Cadences;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The sequence-cadence decision, evaluated as deployed; its rows as the sequence's steps. */
@Component
class CadenceDecision implements Cadences {

    private final ProcessEngine engine;
    private final ObjectMapper json;

    CadenceDecision(ProcessEngine engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
    }

    @Override
    public List<CadenceStep> of(LeadType type) {
        String output = engine.evaluateDecision(SequenceProcess.CADENCE_DECISION, Map.of("leadType", type.name()));
        try {
            return steps(json.readValue(output, new TypeReference<>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The " + SequenceProcess.CADENCE_DECISION + " decision did not return a list of steps", e);
        }
    }

    /** Reads the rows of the decision: attempt number, channel by name, day counted from the start. */
    static List<CadenceStep> steps(List<SequenceProcess.CadenceRow> rows) {
        return rows.stream().map(row -> new CadenceStep(row.step(), Channel.valueOf(row.channel()), row.dayOffset())).toList();
    }
}
