package io.leadflow.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How leads' processes are started ({@code leadflow.intake.*}): at most {@code maxInFlight} starts
 * wait on the engine at once; a start that fails is tried again after {@code retryFirst}, doubling
 * up to {@code retryMax}; a claimed start that its drainer never finished is taken again after {@code lease}.
 */
@ConfigurationProperties(prefix = "leadflow.intake.process-start")
public record IntakeProperties(int maxInFlight, int batchSize, Duration pollInterval, Duration lease,
                               Duration retryFirst, Duration retryMax) {
}
