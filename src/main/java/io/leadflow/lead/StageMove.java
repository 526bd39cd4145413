package io.leadflow.lead;

import java.time.Instant;

/**
 * A lead entered {@code stage} at {@code at}, because of {@code reason} (the rule that matched or the task's
 * outcome), decided by {@code model} (e.g. "lead-explore v3"; null when no model decided it, e.g. on arrival).
 */
public record StageMove(LeadStage stage, Instant at, String reason, String model) {
}
