package io.leadflow.sequence;

import java.time.ZonedDateTime;

/** An attempt as the plan has it now, when it opens (in the lead's zone), and whether it is open now. */
public record AttemptOpening(AttemptWindow attempt, ZonedDateTime openAt, boolean open) {
}
