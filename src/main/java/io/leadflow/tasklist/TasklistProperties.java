package io.leadflow.tasklist;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The reps' task list ({@code leadflow.tasklist.*}).
 *
 * @param reconcileInterval how often overdue tasks are checked against the engine, which withdraws a task whose window passed
 * @param pageSize          tasks per page of the task list (a rep's, a manager's team's), soonest due first
 * @param loadMetricsInterval how often each rep's open and overdue tasks are counted for the metrics
 *                          ({@code leadflow.tasks.open}, {@code leadflow.tasks.overdue})
 */
@ConfigurationProperties(prefix = "leadflow.tasklist")
public record TasklistProperties(@DefaultValue("PT5S") Duration reconcileInterval, @DefaultValue("50") int pageSize,
                                 @DefaultValue("PT30S") Duration loadMetricsInterval) {

    public TasklistProperties {
        if (pageSize < 1) {
            throw new IllegalArgumentException("leadflow.tasklist.page-size must be positive");
        }
    }
}
