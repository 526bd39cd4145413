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

import java.util.Collections;
import java.util.Map;
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
    public Map<String, Object> decideRouting(ActivatedJob job, @VariablesAsType RoutingJob.Variables routing) {
        String decision = RoutingJob.decision(job.getCustomHeaders(), routing.decision());
        if (decision == null || decision.isBlank()) {
            throw new IllegalStateException("The task " + job.getElementId() + " of " + job.getBpmnProcessId()
                    + " names no decision in its header " + RoutingJob.DECISION_HEADER);
        }
        DecisionEvaluation evaluation = decisions.evaluate(decision, job.getProcessDefinitionKey(), job.getVariablesAsMap());
        Object chosen = json.value(evaluation.output());
        routings.record(UUID.fromString(routing.leadId()), RuleDecisions.of(evaluation), chosen, ModelVersion.of(job));
        // A decision that matches no row routes to null, which the result variable then says.
        return Collections.singletonMap(RoutingJob.resultVariable(job.getCustomHeaders()), chosen);
    }
}
