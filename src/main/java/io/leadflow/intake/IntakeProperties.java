package io.leadflow.intake;

import io.leadflow.platform.RetryBackoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How leads' processes are started and watched ({@code leadflow.intake.*}).
 *
 * @param processStart      how the stored starts are sent to the engine
 * @param reconcileInterval how often a page of live processes is checked against the engine
 */
@ConfigurationProperties(prefix = "leadflow.intake")
public record IntakeProperties(@DefaultValue ProcessStart processStart, @DefaultValue("PT1M") Duration reconcileInterval) {

    /**
     * At most {@code maxInFlight} starts wait on the engine at once; a start that fails is tried again
     * after {@code retryFirst}, doubling up to {@code retryMax}; a claimed start that its drainer never
     * finished (leadflow was killed) is taken again after {@code lease}: longer than a try may take (the
     * engine client's 10 s request timeout), short enough that a start cut by a crash goes on within the
     * 30 s docs/operations.md promises for work in flight. A try taken again after all is harmless: the engine
     * refuses a second start message with the same id.
     *
     * @param maxInFlight  starts waiting on the engine at once
     * @param batchSize    starts claimed from the database at once
     * @param pollInterval how often the queue is read when nothing woke the drainer
     * @param lease        how long a claimed start is hidden from other drainers
     * @param retryFirst   the wait after a start's first failure
     * @param retryMax     the longest wait between tries
     */
    public record ProcessStart(@DefaultValue("32") int maxInFlight, @DefaultValue("256") int batchSize,
                               @DefaultValue("PT1S") Duration pollInterval, @DefaultValue("PT20S") Duration lease,
                               @DefaultValue("PT1S") Duration retryFirst, @DefaultValue("PT5M") Duration retryMax) {

        public RetryBackoff backoff() {
            return new RetryBackoff(retryFirst, retryMax);
        }
    }
}
