package io.leadflow.sequence;

import java.util.Objects;

/**
 * One attempt of a cadence: its number, its channel, and the calendar day it is meant for, counted from the day
 * the sequence starts (0 is the start day).
 */
public record CadenceStep(int step, Channel channel, int dayOffset) {

    public CadenceStep {
        Objects.requireNonNull(channel, "channel");
        if (step < 1) {
            throw new IllegalArgumentException("Step numbers start at 1: " + step);
        }
        if (dayOffset < 0) {
            throw new IllegalArgumentException("Day offset must not be negative: " + dayOffset);
        }
    }
}
