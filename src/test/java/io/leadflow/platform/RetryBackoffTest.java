package io.leadflow.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void doublesAfterEachFailureUpToTheCap() {
        assertThat(backoff.afterFailures(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.afterFailures(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.afterFailures(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.afterFailures(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.afterFailures(1_000)).isEqualTo(Duration.ofSeconds(10));
    }
}
