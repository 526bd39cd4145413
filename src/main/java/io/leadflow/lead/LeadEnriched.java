package io.leadflow.lead;

import java.util.UUID;

/**
 * Enrichment found out more about the lead; {@code enrichment} is kept with it as JSON. {@code phone}: a number (E.164)
 * a provider found, filled in only when the lead has none (the lead's own never gives way), else null.
 */
public record LeadEnriched(UUID leadId, Object enrichment, String phone) {
}
