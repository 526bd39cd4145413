package io.leadflow.sequence;

import java.time.Instant;
import java.time.ZoneId;

/** One attempt of a lead's sequence as stored: when it was planned and what became of it. */
public record SequenceAttempt(int step, Channel channel, Instant plannedAt, Instant due, Status status, String outcome) {

    public enum Status { PLANNED, DONE, SKIPPED, CANCELLED }

    /**
     * When the attempt opens, asked {@code now}: a call or social touch first in its round ({@code first}) opens at
     * once, so the rep sees it and acts within the first working hours; everything else opens at its planned moment.
     */
    public Instant opensAt(boolean first, Instant now) {
        return opensAtOnce(first) && now.isBefore(plannedAt) ? now : plannedAt;
    }

    /** The attempt as planned, its times in the lead's zone. */
    public PlannedAttempt planned(ZoneId zone) {
        return new PlannedAttempt(step, channel, plannedAt.atZone(zone), due.atZone(zone));
    }

    /** A call or social touch first in its round: its task opens at once, due by the first-attempt SLA. */
    public boolean opensAtOnce(boolean first) {
        return first && channel != Channel.EMAIL;
    }
}
