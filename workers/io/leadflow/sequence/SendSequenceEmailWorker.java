package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

@Component
public class SendSequenceEmailWorker {

    private final SequenceService sequences;

    SendSequenceEmailWorker(SequenceService sequences) {
        this.sequences = sequences;
    }

    @JobWorker(type = "send-sequence-email")
    public void sendSequenceEmail(@Variable String leadId, @Variable Map<String, Object> attempt, @Variable Boolean followUp) {
        sequences.sendEmail(UUID.fromString(leadId), ((Number) attempt.get("step")).intValue(), Boolean.TRUE.equals(followUp));
    }
}
