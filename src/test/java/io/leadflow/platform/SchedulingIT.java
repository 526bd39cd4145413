package io.leadflow.platform;

import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** No scheduled task waits for another: the inbox poller, the gauges and the sweeps each have a thread to run on. */
class SchedulingIT extends LeadflowIntegrationTest {

    @Autowired
    ThreadPoolTaskScheduler scheduler;
    @Autowired
    ScheduledTaskHolder tasks;

    @Test
    void theSchedulerHasAThreadForEveryScheduledTask() {
        assertThat(tasks.getScheduledTasks()).extracting(task -> task.getTask().toString())
                .anyMatch(task -> task.contains("InboxPoller")).anyMatch(task -> task.contains("ProcessInstanceMetrics"));
        assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isGreaterThanOrEqualTo(tasks.getScheduledTasks().size());
    }
}
