package io.leadflow.sequence;

import java.time.ZonedDateTime;

/** An attempt scheduled {@code at} a working moment in the lead's zone, to be made before {@code due}. */
public record PlannedAttempt(int step, Channel channel, ZonedDateTime at, ZonedDateTime due) {
}
