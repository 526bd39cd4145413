package io.leadflow.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.engine.DecisionEvaluation;
import io.leadflow.engine.Decisions;
import io.leadflow.platform.Json;
import io.leadflow.process.IdentifyProcess;
import org.springframework.stereotype.Component;

/**
 * Evaluates lead-fit at the version deployed with the model that asks, and hands back which version and rule rows
 * decided, so the history can say it (a business rule task called by the engine would not tell the rows).
 */
@Component
public class DecideFitWorker {

    private final Decisions decisions;
    private final Json json;

    DecideFitWorker(Decisions decisions, Json json) {
        this.decisions = decisions;
        this.json = json;
    }

    @JobWorker(type = IdentifyProcess.DECIDE_FIT)
    public IdentifyProcess.FitDecided decideFit(ActivatedJob job, @VariablesAsType IdentifyProcess.FitFacts facts) {
        DecisionEvaluation evaluation = decisions.evaluate(IdentifyProcess.FIT_DECISION, job.getProcessDefinitionKey(),
                json.toMap(facts));
        return new IdentifyProcess.FitDecided(json.convert(json.map(evaluation.output()), IdentifyProcess.Qualification.class),
                RuleDecisions.of(evaluation));
    }
}
