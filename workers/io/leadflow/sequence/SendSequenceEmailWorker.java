package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class SendSequenceEmailWorker {

    private final SequenceService sequences;

    SendSequenceEmailWorker(SequenceService sequences) {
        this.sequences = sequences;
    }

    @JobWorker(type = SequenceProcess.SEND_SEQUENCE_EMAIL)
    public void sendSequenceEmail(@VariablesAsType SequenceProcess.Variables process) {
        sequences.sendEmail(UUID.fromString(process.leadId()), process.sequenceRound(), process.attempt().step(),
                Boolean.TRUE.equals(process.followUp()));
    }
}
