package io.leadflow.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A lead as the API shows it; times are in the lead's own zone. */
public record LeadView(
        UUID id,
        LeadType type,
        LeadStage stage,
        String email,
        String firstName,
        String lastName,
        String jobTitle,
        String company,
        String companyDomain,
        Integer employees,
        String industry,
        String country,
        String timeZone,
        String language,
        String source,
        Map<String, Object> details,
        Fit fit,
        Map<String, Object> enrichment,
        String owner,
        List<OpenTask> openTasks,
        List<SequenceStep> sequence,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public record Fit(Integer score, List<String> reasons) {
    }

    public record OpenTask(long id, String name, String assignee, OffsetDateTime due) {
    }

    /** One attempt of the lead's connect sequence: status is planned, done, skipped or cancelled. */
    public record SequenceStep(int step, String channel, OffsetDateTime plannedAt, OffsetDateTime due, String status,
                               String outcome) {
    }
}
