package io.leadflow.lead;

import java.util.List;
import java.util.UUID;

/** The fit decision of {@code model} placed the lead in a stage, with its score and the reasons. */
public record LeadQualified(UUID leadId, LeadStage stage, int score, List<String> reasons, String model) {
}
