package io.leadflow.scoring;

import io.leadflow.engine.DecisionEvaluation;
import io.leadflow.lead.RuleDecision;

/** What the engine says decided, as the lead's history keeps it: for the live workers and the replay's alike. */
public final class RuleDecisions {

    private RuleDecisions() {
    }

    public static RuleDecision of(DecisionEvaluation evaluation) {
        return new RuleDecision(evaluation.decisionId(), evaluation.version(), evaluation.matchedRules().stream()
                .map(rule -> new RuleDecision.Rule(rule.decisionId(), rule.ruleId(), rule.annotation())).toList());
    }
}
