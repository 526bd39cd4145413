package io.leadflow.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.engine.DecisionEvaluation;
import io.leadflow.engine.Decisions;
import io.leadflow.platform.Json;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.process.ModelVersion;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Evaluates lead-fit at the version deployed with the model that asks and records on the lead what it decided, with
 * which version and rule rows (a business rule task called by the engine would not tell the rows); the same job, so a
 * lead costs the engine one job fewer than a task of its own to record it.
 */
@Component
public class DecideFitWorker {

    private final Decisions decisions;
    private final QualificationService qualifications;
    private final Json json;

    DecideFitWorker(Decisions decisions, QualificationService qualifications, Json json) {
        this.decisions = decisions;
        this.qualifications = qualifications;
        this.json = json;
    }

    @JobWorker(type = IdentifyProcess.DECIDE_FIT)
    public IdentifyProcess.FitDecided decideFit(ActivatedJob job, @VariablesAsType IdentifyProcess.FitInputs inputs) {
        DecisionEvaluation evaluation = decisions.evaluate(IdentifyProcess.FIT_DECISION, job.getProcessDefinitionKey(),
                json.toMap(inputs));
        IdentifyProcess.Qualification decided = json.convert(json.map(evaluation.output()), IdentifyProcess.Qualification.class);
        qualifications.record(UUID.fromString(inputs.leadId()), new Qualification(decided.stage(), decided.score(), decided.reasons()),
                RuleDecisions.of(evaluation), ModelVersion.of(job));
        return new IdentifyProcess.FitDecided(decided);
    }
}
