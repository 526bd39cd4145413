package io.leadflow.engine;

import java.util.List;

/**
 * A decision the engine evaluated: its result as JSON, the deployed version that decided, and the rule rows that matched
 * in every decision it evaluated (the required decisions' first, the called decision's last).
 */
public record DecisionEvaluation(String decisionId, int version, String output, List<MatchedRule> matchedRules) {

    /**
     * A rule row that matched: its decision, its id in the DMN and its annotation (the rule's description in the
     * modeler), null when it has none or the version was not deployed by this leadflow.
     */
    public record MatchedRule(String decisionId, String ruleId, String annotation) {
    }

    /** The rows of the called decision itself: the rule that decided. */
    public List<MatchedRule> decidingRules() {
        return matchedRules.stream().filter(rule -> rule.decisionId().equals(decisionId)).toList();
    }
}
