package io.leadflow.lead;

import java.util.UUID;

/** Enrichment found out more about the lead; {@code enrichment} is kept with it as JSON. */
public record LeadEnriched(UUID leadId, Object enrichment) {
}
