package io.leadflow.process;

import io.leadflow.lead.LeadStage;

/** The job the models use to move a lead to a stage, with the reason the model gives (a FEEL expression). */
public final class StageMoveJob {

    public static final String TYPE = "move-stage";

    private StageMoveJob() {
    }

    public record Variables(String leadId, LeadStage stage, String reason) {
    }
}
