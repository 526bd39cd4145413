package io.leadflow.process;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.lead.Leads;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Moves the lead to the stage the model names, with the model's reason and version. It sits with the models'
 * contracts because every stage model uses it; the lead module owns the move itself.
 */
@Component
public class MoveStageWorker {

    private final Leads leads;

    MoveStageWorker(Leads leads) {
        this.leads = leads;
    }

    @JobWorker(type = StageMoveJob.TYPE)
    public void moveStage(ActivatedJob job, @VariablesAsType StageMoveJob.Variables move) {
        leads.moveTo(UUID.fromString(move.leadId()), move.stage(), move.reason(), ModelVersion.of(job));
    }
}
