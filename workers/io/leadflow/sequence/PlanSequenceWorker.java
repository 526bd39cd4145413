package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.SequenceProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class PlanSequenceWorker {

    private final SequenceSchedule schedule;

    PlanSequenceWorker(SequenceSchedule schedule) {
        this.schedule = schedule;
    }

    /** The cadence comes from the sequence-cadence DMN as a list of {step, channel, dayOffset}. */
    @JobWorker(type = SequenceProcess.PLAN_SEQUENCE)
    public SequenceProcess.Planned planSequence(@VariablesAsType SequenceProcess.Variables process) {
        return new SequenceProcess.Planned(schedule.plan(UUID.fromString(process.leadId()), process.sequenceRound(),
                CadenceDecision.steps(process.cadence())).stream().map(AttemptVariables::of).toList());
    }
}
