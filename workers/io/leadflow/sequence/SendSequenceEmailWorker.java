package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class SendSequenceEmailWorker {

    private final SequenceEmails emails;

    SendSequenceEmailWorker(SequenceEmails emails) {
        this.emails = emails;
    }

    @JobWorker(type = SequenceProcess.SEND_SEQUENCE_EMAIL)
    public void sendSequenceEmail(@VariablesAsType SequenceProcess.Variables process) {
        emails.sendEmail(UUID.fromString(process.leadId()), process.sequenceRound(), process.attempt().step(),
                Boolean.TRUE.equals(process.followUp()));
    }
}
