package io.leadflow.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Every {@code @Scheduled} method and {@code SchedulingConfigurer} task runs on one scheduler. Spring Boot's, with
 * virtual threads on, runs every fixed-delay task on one thread: one task that takes long (a slow IMAP server, a long
 * sweep) would hold up all the others (the inbox poller, the gauges, the sweeps). A scheduled task never runs twice at
 * once, so with a thread per task none ever waits for another.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

    /** Once every task is registered (at the context's refresh): a thread per task. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> threadPerScheduledTask(ThreadPoolTaskScheduler scheduler,
                                                                        ObjectProvider<ScheduledTaskHolder> tasks) {
        return started -> {
            int taskCount = tasks.stream().mapToInt(holder -> holder.getScheduledTasks().size()).sum();
            scheduler.setPoolSize(Math.max(taskCount, scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()));
        };
    }
}
