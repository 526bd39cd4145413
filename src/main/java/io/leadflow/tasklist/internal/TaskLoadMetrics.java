package io.leadflow.tasklist.internal;

import io.leadflow.tasklist.TaskLoad;
import io.leadflow.tasklist.TasklistProperties;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Each rep's open and overdue tasks as gauges, counted from the task table every
 * {@code leadflow.tasklist.load-metrics-interval} (one query, not one per scrape); a rep with no open task has none.
 */
@Component
class TaskLoadMetrics implements SchedulingConfigurer {

    private final TaskLoad tasks;
    private final TasklistProperties settings;
    private final MultiGauge open;
    private final MultiGauge overdue;

    TaskLoadMetrics(TaskLoad tasks, TasklistProperties settings, MeterRegistry meters) {
        this.tasks = tasks;
        this.settings = settings;
        this.open = MultiGauge.builder("leadflow.tasks.open").description("Open tasks per rep").register(meters);
        this.overdue = MultiGauge.builder("leadflow.tasks.overdue").description("Open tasks past their due per rep").register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar scheduled) {
        scheduled.addFixedDelayTask(this::refresh, settings.loadMetricsInterval());
    }

    void refresh() {
        Map<String, TaskLoad.Load> load = tasks.byAssignee();
        open.register(rows(load, TaskLoad.Load::open), true);
        overdue.register(rows(load, TaskLoad.Load::overdue), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, TaskLoad.Load> load, ToLongFunction<TaskLoad.Load> count) {
        return load.entrySet().stream().<MultiGauge.Row<?>>map(rep -> MultiGauge.Row.of(Tags.of("rep", rep.getKey()),
                count.applyAsLong(rep.getValue()))).toList();
    }
}
