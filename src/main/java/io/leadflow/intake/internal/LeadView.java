package io.leadflow.intake.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.RuleDecision;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead as the API shows it: its facts as it told them, then what leadflow made of it; times are in the lead's own
 * zone. {@code companyLeadId}: the company's lead a rep found this person for.
 */
record LeadView(
        UUID id,
        LeadType type,
        LeadStage stage,
        @JsonUnwrapped LeadFacts facts,
        UUID companyLeadId,
        Fit fit,
        Map<String, Object> enrichment,
        String owner,
        List<OpenTask> openTasks,
        List<SequenceStep> sequence,
        List<Stage> stages,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /**
     * A move into a stage, and why; when a decision table made it, {@code decision} (its version and the rule rows that
     * matched) and {@code decidedBy}, the same in words.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stage(LeadStage stage, OffsetDateTime at, String reason, String model, RuleDecision decision, String decidedBy) {
    }

    record Fit(Integer score, List<String> reasons) {
    }

    record OpenTask(long id, String name, String assignee, OffsetDateTime due) {
    }

    /** One attempt of the lead's connect sequence: status is planned, done, skipped or cancelled. */
    record SequenceStep(int step, String channel, OffsetDateTime plannedAt, OffsetDateTime due, String status,
                        String outcome) {
    }
}
