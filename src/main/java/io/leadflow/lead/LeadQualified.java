package io.leadflow.lead;

import java.util.List;
import java.util.UUID;

/**
 * The fit decision, called by {@code model}, placed the lead in a stage, with its score and the reasons; {@code decision}
 * is the decision's version and the rules that matched.
 */
public record LeadQualified(UUID leadId, LeadStage stage, int score, List<String> reasons, String model, RuleDecision decision) {
}
