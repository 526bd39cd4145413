package io.leadflow.lead;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The DMN decision behind a stage move or a routing: its id, the deployed version that decided, and the rule rows that
 * matched in it and in the decisions it requires.
 */
public record RuleDecision(String decisionId, int version, List<Rule> rules) {

    /** A rule row that matched: its decision, its id in the DMN and its annotation (null when it has none). */
    public record Rule(String decisionId, String ruleId, String annotation) {

        String inWords() {
            return annotation == null ? ruleId : ruleId + " (" + annotation + ")";
        }
    }

    public RuleDecision {
        rules = List.copyOf(rules);
    }

    /** The rows of the decision itself (not of those it requires): the rule that decided. */
    public List<Rule> decidingRules() {
        return rules.stream().filter(rule -> rule.decisionId().equals(decisionId)).toList();
    }

    /** How a lead's history keeps it: the decision in words, its version and the ids of the rule rows that matched. */
    public Map<String, Object> asHistory() {
        return Map.of("decision", inWords(), "decisionVersion", version, "rules", rules.stream().map(Rule::ruleId).toList());
    }

    /** E.g. "lead-fit v2, rule Rule_LeadFit_Mql (A decision maker with a fit score of 70 or more is marketing qualified)". */
    public String inWords() {
        List<Rule> deciding = decidingRules();
        String decided = decisionId + " v" + version;
        return deciding.isEmpty() ? decided + ", no rule matched"
                : decided + ", rule " + deciding.stream().map(Rule::inWords).collect(Collectors.joining(", "));
    }
}
