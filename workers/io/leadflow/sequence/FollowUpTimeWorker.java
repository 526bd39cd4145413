package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class FollowUpTimeWorker {

    private final SequenceSchedule schedule;

    FollowUpTimeWorker(SequenceSchedule schedule) {
        this.schedule = schedule;
    }

    @JobWorker(type = SequenceProcess.FOLLOW_UP_TIME)
    public SequenceProcess.FollowUpTime followUpTime(@VariablesAsType SequenceProcess.Variables process) {
        EmailMoment followUp = schedule.followUpTime(UUID.fromString(process.leadId()), process.sequenceRound(), process.attempt().step());
        return new SequenceProcess.FollowUpTime(followUp.at().toOffsetDateTime().toString(), followUp.now());
    }
}
