package io.leadflow.engine;

import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Evaluates a decision for a process the way a business rule task bound to its deployment would, and says what decided:
 * the version and the rule rows with their annotations, so a DMN-only change is told apart in a lead's history.
 */
@Component
public class Decisions {

    private final ProcessEngine engine;
    private final ProcessModels models;

    Decisions(ProcessEngine engine, ProcessModels models) {
        this.engine = engine;
        this.models = models;
    }

    /**
     * Evaluates the version of the decision deployed together with the process definition; for a process leadflow did
     * not deploy in this run (an instance started before a restart that brought new models) the decision's latest version.
     */
    public DecisionEvaluation evaluate(String decisionId, long processDefinitionKey, Map<String, Object> variables) {
        DecisionEvaluation evaluation = engine.evaluateDecision(decisionId,
                models.decisionDeployedWith(processDefinitionKey, decisionId), variables);
        return new DecisionEvaluation(evaluation.decisionId(), evaluation.version(), evaluation.output(),
                evaluation.matchedRules().stream().map(rule -> new DecisionEvaluation.MatchedRule(rule.decisionId(), rule.ruleId(),
                        models.ruleAnnotation(decisionId, evaluation.version(), rule.decisionId(), rule.ruleId()))).toList());
    }
}
