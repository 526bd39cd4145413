package io.leadflow.simulation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What one lead went through in one side of a simulation: the stage and score the fit decision gave, the team and rep,
 * the rep tasks with their dues, the SLA breaches, the mails by the step and template that send them, the working hours
 * from arrival to the first touch made (a sequence email sent, a call or social touch done), the incidents (element and
 * reason), the furthest stage the lead reached on its way (MQL, SQL, OPPORTUNITY, CUSTOMER) and the sequence's touches as
 * the models put them before the lead or the rep. Times are the replay's virtual time.
 */
record LeadOutcome(UUID leadId, String name, Instant arrivedAt, String stage, Integer score, String team, String owner,
                   Instant assignedAt, List<Task> tasks, List<String> breaches, Map<String, Integer> emails,
                   Double firstTouchWorkingHours, List<String> incidents, String stageReached, List<Touch> touches) {

    /**
     * A touch of the lead's {@code round}th sequence: attempt {@code step}'s email sent, or its call or social task opened
     * ({@code channel}), {@code at}; {@code followUp} for an email after a call.
     */
    record Touch(int round, int step, String channel, boolean followUp, Instant at) {
    }

    /** A rep task: its name, its due and when the replay completed it (null: left open). */
    record Task(String name, Instant due, Instant completedAt) {
    }

    /** The names of what differs from the other side's outcome for the same lead (empty: unchanged). */
    List<String> changesFrom(LeadOutcome other) {
        return Stream.of(
                        differs("stage", stage, other.stage), differs("score", score, other.score),
                        differs("team", team, other.team), differs("owner", owner, other.owner),
                        differs("tasks", tasks, other.tasks), differs("breaches", breaches, other.breaches),
                        differs("emails", emails, other.emails),
                        differs("firstTouchWorkingHours", firstTouchWorkingHours, other.firstTouchWorkingHours),
                        differs("incidents", incidents, other.incidents),
                        differs("stageReached", stageReached, other.stageReached),
                        differs("touches", touches, other.touches))
                .filter(Objects::nonNull).toList();
    }

    private static String differs(String name, Object mine, Object theirs) {
        return Objects.equals(mine, theirs) ? null : name;
    }
}
