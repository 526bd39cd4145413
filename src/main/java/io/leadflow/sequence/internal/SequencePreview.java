package io.leadflow.sequence.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.CadenceStep;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.SequencePlanner;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Shows sales ops the calendar a sequence would follow, from the deployed cadence decision, before they change it. */
@Service
class SequencePreview {

    record PreviewAttempt(int step, Channel channel, OffsetDateTime at, OffsetDateTime due) {
    }

    private final ProcessEngine engine;
    private final SequencePlanner planner;
    private final ObjectMapper json;

    SequencePreview(ProcessEngine engine, SequencePlanner planner, ObjectMapper json) {
        this.engine = engine;
        this.planner = planner;
        this.json = json;
    }

    List<PreviewAttempt> preview(Instant start, String country, ZoneId zone) {
        List<CadenceStep> cadence = CadenceStep.fromDecision(rows(engine.evaluateDecision(SequenceProcess.CADENCE_DECISION,
                Map.of("leadType", "FORM_FILL"))));
        return planner.plan(start, country, zone, cadence).stream()
                .map(a -> new PreviewAttempt(a.step(), a.channel(), a.at().toOffsetDateTime(), a.due().toOffsetDateTime()))
                .toList();
    }

    private List<SequenceProcess.CadenceRow> rows(String decisionOutput) {
        try {
            return json.readValue(decisionOutput, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The " + SequenceProcess.CADENCE_DECISION + " decision did not return a list of steps", e);
        }
    }
}
