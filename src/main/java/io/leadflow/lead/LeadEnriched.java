package io.leadflow.lead;

import java.util.UUID;

/**
 * Enrichment found out more about the lead; {@code enrichment} is kept with it as JSON. {@code phone}: a number (E.164)
 * a provider found, {@code company}: the company's name from the reference data; each filled in only when the lead has
 * none (what the lead gave never gives way), else null.
 */
public record LeadEnriched(UUID leadId, Object enrichment, String phone, String company) {
}
