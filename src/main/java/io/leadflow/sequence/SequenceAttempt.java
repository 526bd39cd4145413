package io.leadflow.sequence;

import java.time.Instant;
import java.time.ZoneId;

/** One attempt of a lead's sequence as stored: when it was planned and what became of it. */
public record SequenceAttempt(int step, Channel channel, Instant plannedAt, Instant due, Status status, String outcome) {

    public enum Status { PLANNED, DONE, SKIPPED, CANCELLED }

    /** When the attempt opens, asked {@code now}: see {@link PlannedAttempt#opensAt}. */
    public Instant opensAt(boolean first, Instant now) {
        return PlannedAttempt.opensAt(channel, plannedAt, first, now);
    }

    /** The attempt as planned, its times in the lead's zone. */
    public PlannedAttempt planned(ZoneId zone) {
        return new PlannedAttempt(step, channel, plannedAt.atZone(zone), due.atZone(zone));
    }

    /** See {@link PlannedAttempt#opensAtOnce}. */
    public boolean opensAtOnce(boolean first) {
        return PlannedAttempt.opensAtOnce(channel, first);
    }
}
