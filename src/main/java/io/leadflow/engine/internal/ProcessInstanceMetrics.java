package io.leadflow.engine.internal;

import io.leadflow.engine.ProcessInstances;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code leadflow.process.instances.waiting{process,element}} and {@code leadflow.process.incidents{process}},
 * refreshed from the process view every few seconds (a scrape reads the last refresh: no query per scrape).
 */
public final class ProcessInstanceMetrics {

    private final ProcessInstances instances;
    private final MultiGauge waiting;
    private final MultiGauge incidents;

    public ProcessInstanceMetrics(ProcessInstances instances, MeterRegistry registry) {
        this.instances = instances;
        this.waiting = MultiGauge.builder("leadflow.process.instances.waiting")
                .description("process instances waiting at a BPMN element now").register(registry);
        this.incidents = MultiGauge.builder("leadflow.process.incidents")
                .description("open incidents per process").register(registry);
    }

    @Scheduled(fixedDelay = 5_000)
    public void refresh() {
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> incidentRows = new ArrayList<>();
        for (ProcessInstances.ProcessWaiting process : instances.processes()) {
            for (ProcessInstances.ElementWaiting element : process.elements()) {
                waitingRows.add(MultiGauge.Row.of(Tags.of("process", process.bpmnProcessId(), "element", element.elementId()),
                        element.waiting()));
            }
            incidentRows.add(MultiGauge.Row.of(Tags.of("process", process.bpmnProcessId()), process.incidents()));
        }
        // overwrite: an element nobody waits at any more drops out
        waiting.register(waitingRows, true);
        incidents.register(incidentRows, true);
    }
}
