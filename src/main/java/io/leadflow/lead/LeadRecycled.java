package io.leadflow.lead;

import java.util.UUID;

/** The lead goes back to nurture (stage LEAD), e.g. after a sequence without an answer, as {@code model} decided. */
public record LeadRecycled(UUID leadId, String reason, String model) {
}
