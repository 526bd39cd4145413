package io.leadflow.sequence;

import java.time.ZonedDateTime;

/**
 * An attempt of a lead's plan as it is now, in the lead's zone: made {@code at}, due by {@code due}, {@code sameDayEnd}
 * the end of the working day it is made on, and {@code closeAt} when one not made is given up; {@code opensAtOnce}
 * when its task opens as soon as its turn comes ({@link PlannedAttempt#opensAtOnce}).
 */
public record AttemptWindow(int step, Channel channel, ZonedDateTime at, ZonedDateTime due, ZonedDateTime sameDayEnd,
                            ZonedDateTime closeAt, boolean opensAtOnce) {
}
