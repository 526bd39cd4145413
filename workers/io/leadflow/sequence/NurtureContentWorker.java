package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.NurtureProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The nurture track's awareness content: when it goes, and the email itself. */
@Component
public class NurtureContentWorker {

    private final SequenceSchedule schedule;
    private final SequenceEmails emails;

    NurtureContentWorker(SequenceSchedule schedule, SequenceEmails emails) {
        this.schedule = schedule;
        this.emails = emails;
    }

    @JobWorker(type = NurtureProcess.NURTURE_TIME)
    public NurtureProcess.ContentTime nurtureTime(@VariablesAsType NurtureProcess.Variables process) {
        EmailMoment content = schedule.nurtureTime(UUID.fromString(process.leadId()), process.nurtureDay());
        return new NurtureProcess.ContentTime(content.at().toOffsetDateTime().toString(), content.now());
    }

    @JobWorker(type = NurtureProcess.SEND_NURTURE_EMAIL)
    public void sendNurtureEmail(@VariablesAsType NurtureProcess.Variables process) {
        emails.sendNurtureEmail(UUID.fromString(process.leadId()), process.sequenceRound(), process.nurtureDay());
    }
}
