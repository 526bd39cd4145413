package io.leadflow.tasklist;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A task waiting for a person, held open in the engine as a job until it is completed. */
public record RepTask(
        long jobKey,
        UUID leadId,
        String elementId,
        String name,
        String assignee,
        String candidateGroups,
        String formId,
        Instant due,
        Status status,
        Instant createdAt,
        Instant completedAt,
        String completedBy,
        Map<String, Object> result,
        Integer attemptStep,
        Map<String, Object> context) {

    public enum Status { OPEN, COMPLETED, CANCELLED }
}
