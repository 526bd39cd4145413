package io.leadflow.platform;

import java.time.Duration;

/** Exponential backoff, capped: after the n-th failure in a row, wait {@code first} × 2^(n-1), at most {@code max}. */
public record RetryBackoff(Duration first, Duration max) {

    public Duration afterFailures(int failures) {
        Duration delay = first.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
