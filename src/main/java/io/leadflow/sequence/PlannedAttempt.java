package io.leadflow.sequence;

import java.time.Instant;
import java.time.ZonedDateTime;

/** An attempt scheduled {@code at} a working moment in the lead's zone, to be made before {@code due}. */
public record PlannedAttempt(int step, Channel channel, ZonedDateTime at, ZonedDateTime due) {

    /**
     * When the attempt opens, asked {@code now}: a call or social touch first in its round ({@code first}) opens at
     * once, so the rep sees it and acts within the first working hours; everything else opens at its planned moment.
     */
    public Instant opensAt(boolean first, Instant now) {
        Instant planned = at.toInstant();
        return opensAtOnce(first) && now.isBefore(planned) ? now : planned;
    }

    /** A call or social touch first in its round: its task opens at once, due by the first-attempt SLA. */
    public boolean opensAtOnce(boolean first) {
        return first && channel != Channel.EMAIL;
    }
}
