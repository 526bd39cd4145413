package io.leadflow.tasklist;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A task waiting for a person, held open in the engine as a job until it is completed. {@code delivery} says how far a
 * completion got to the engine (null while the task is open, and for a cancelled one).
 */
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
        Map<String, Object> context,
        Delivery delivery) {

    public enum Status { OPEN, COMPLETED, CANCELLED }

    /**
     * A completion is recorded first, then delivered to the engine: PENDING until the engine answers; DELIVERED once
     * it took it; PROCESS_MOVED_ON when the engine had withdrawn the task before the completion first reached it (its
     * window passed, the sequence ended), so the process went on without this outcome.
     */
    public enum Delivery { PENDING, DELIVERED, PROCESS_MOVED_ON }
}
