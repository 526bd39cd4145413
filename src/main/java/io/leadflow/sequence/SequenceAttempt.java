package io.leadflow.sequence;

import java.time.Instant;

/** One attempt of a lead's sequence as stored: when it was planned and what became of it. */
public record SequenceAttempt(int step, Channel channel, Instant plannedAt, Instant due, Status status, String outcome) {

    public enum Status { PLANNED, DONE, SKIPPED, CANCELLED }
}
