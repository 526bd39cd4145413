package io.leadflow.tasklist;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The reps' task list ({@code leadflow.tasklist.*}).
 *
 * @param reconcileInterval how often overdue tasks are checked against the engine, which withdraws a task whose window passed
 */
@ConfigurationProperties(prefix = "leadflow.tasklist")
public record TasklistProperties(@DefaultValue("PT5S") Duration reconcileInterval) {
}
