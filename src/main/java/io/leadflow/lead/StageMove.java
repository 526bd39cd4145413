package io.leadflow.lead;

import java.time.Instant;

/** A lead entered {@code stage} at {@code at}, because of {@code reason}. */
public record StageMove(LeadStage stage, Instant at, String reason) {
}
