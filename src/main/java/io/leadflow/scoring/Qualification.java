package io.leadflow.scoring;

import io.leadflow.intake.LeadStage;

import java.util.List;

/** The fit decision's answer: the stage, the fit score and the reasons behind it. */
public record Qualification(LeadStage stage, int score, List<String> reasons) {
}
