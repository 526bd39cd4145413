package io.leadflow.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.engine.DecisionEvaluation;
import io.leadflow.engine.Decisions;
import io.leadflow.platform.Json;
import io.leadflow.process.ModelVersion;
import io.leadflow.process.RoutingJob;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Evaluates a routing decision (team, cadence, case study) at the version deployed with the model that asks, on all the
 * process's variables (the decision reads what it needs), and records on the lead's history which rules chose what.
 */
@Component
public class DecideRoutingWorker {

    private final Decisions decisions;
    private final Routings routings;
    private final Json json;

    DecideRoutingWorker(Decisions decisions, Routings routings, Json json) {
        this.decisions = decisions;
        this.routings = routings;
        this.json = json;
    }

    @JobWorker(type = RoutingJob.TYPE, fetchAllVariables = true)
    public RoutingJob.Routed decideRouting(ActivatedJob job, @VariablesAsType RoutingJob.Variables routing) {
        DecisionEvaluation evaluation = decisions.evaluate(routing.decision(), job.getProcessDefinitionKey(), job.getVariablesAsMap());
        Object chosen = json.value(evaluation.output());
        routings.record(UUID.fromString(routing.leadId()), RuleDecisions.of(evaluation), chosen, ModelVersion.of(job));
        return new RoutingJob.Routed(chosen);
    }
}
