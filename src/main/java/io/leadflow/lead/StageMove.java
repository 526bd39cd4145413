package io.leadflow.lead;

import java.time.Instant;

/**
 * A lead entered {@code stage} at {@code at}, because of {@code reason} (the rule that matched or the task's
 * outcome), decided by {@code model} (e.g. "lead-explore v3"; null when no model decided it, e.g. on arrival) and, when
 * a DMN decision decided it, by {@code decision} (its version and the rules that matched; else null).
 */
public record StageMove(LeadStage stage, Instant at, String reason, String model, RuleDecision decision) {

    public StageMove(LeadStage stage, Instant at, String reason, String model) {
        this(stage, at, reason, model, null);
    }
}
