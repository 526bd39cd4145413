package io.leadflow.scoring;

import io.leadflow.lead.LeadStage;

import java.util.List;

/** What the fit decision made of a lead: its stage, its score and the reasons for both. */
public record Qualification(LeadStage stage, int score, List<String> reasons) {
}
