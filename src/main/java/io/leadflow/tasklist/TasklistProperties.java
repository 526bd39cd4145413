package io.leadflow.tasklist;

import io.leadflow.platform.RetryBackoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The reps' task list ({@code leadflow.tasklist.*}).
 *
 * @param reconcileInterval how often overdue tasks are checked against the engine, which withdraws a task whose window
 *                          passed, and recorded completions the engine has not confirmed are sent again
 * @param pageSize          tasks per page of the task list (a rep's, a manager's team's), soonest due first
 * @param loadMetricsInterval how often each rep's open and overdue tasks are counted for the metrics
 *                          ({@code leadflow.tasks.open}, {@code leadflow.tasks.overdue})
 * @param completionRetry   how a recorded completion is sent to the engine again when a try got no answer
 */
@ConfigurationProperties(prefix = "leadflow.tasklist")
public record TasklistProperties(@DefaultValue("PT5S") Duration reconcileInterval, @DefaultValue("50") int pageSize,
                                 @DefaultValue("PT30S") Duration loadMetricsInterval,
                                 @DefaultValue CompletionRetry completionRetry) {

    public TasklistProperties {
        if (pageSize < 1) {
            throw new IllegalArgumentException("leadflow.tasklist.page-size must be positive");
        }
    }

    /**
     * A try that got no answer from the engine (or was cut by a crash) is made again {@code first} after it started,
     * doubling up to {@code max}. {@code first} is longer than a try may take (the client's request timeout, 10 s), so
     * no second try overtakes a first that is still waiting for the engine.
     *
     * @param first the wait after a completion's first try
     * @param max   the longest wait between tries
     */
    public record CompletionRetry(@DefaultValue("PT15S") Duration first, @DefaultValue("PT1M") Duration max) {

        public RetryBackoff backoff() {
            return new RetryBackoff(first, max);
        }
    }
}
