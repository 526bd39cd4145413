package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class AttemptTimeWorker {

    private final SequenceSchedule schedule;

    AttemptTimeWorker(SequenceSchedule schedule) {
        this.schedule = schedule;
    }

    @JobWorker(type = SequenceProcess.ATTEMPT_TIME)
    public SequenceProcess.AttemptTime attemptTime(@VariablesAsType SequenceProcess.Variables process) {
        AttemptOpening opening = schedule.attemptTime(UUID.fromString(process.leadId()), process.sequenceRound(), process.attempt().step());
        return new SequenceProcess.AttemptTime(AttemptVariables.of(opening.attempt()), opening.openAt().toOffsetDateTime().toString(),
                opening.open());
    }
}
