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
        return opensAt(channel, at.toInstant(), first, now);
    }

    /** See {@link #opensAtOnce(Channel, boolean)}. */
    public boolean opensAtOnce(boolean first) {
        return opensAtOnce(channel, first);
    }

    /** When an attempt on {@code channel} planned {@code planned} opens, asked {@code now}. */
    static Instant opensAt(Channel channel, Instant planned, boolean first, Instant now) {
        return opensAtOnce(channel, first) && now.isBefore(planned) ? now : planned;
    }

    /** A call or social touch first in its round: its task opens at once, due by the first-attempt SLA. */
    static boolean opensAtOnce(Channel channel, boolean first) {
        return first && channel != Channel.EMAIL;
    }
}
