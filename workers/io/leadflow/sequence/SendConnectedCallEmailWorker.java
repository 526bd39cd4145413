package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class SendConnectedCallEmailWorker {

    private final SequenceEmails emails;

    SendConnectedCallEmailWorker(SequenceEmails emails) {
        this.emails = emails;
    }

    @JobWorker(type = SequenceProcess.SEND_CONNECTED_CALL_EMAIL)
    public void sendConnectedCallEmail(@VariablesAsType SequenceProcess.Variables process) {
        emails.sendConnectedCallFollowUp(UUID.fromString(process.leadId()), process.sequenceRound(), process.attempt().step());
    }
}
