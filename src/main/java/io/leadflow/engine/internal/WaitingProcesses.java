package io.leadflow.engine.internal;

import io.leadflow.engine.ProcessInstances.ElementWaiting;
import io.leadflow.engine.ProcessInstances.ProcessWaiting;
import io.leadflow.engine.ProcessModels;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The process view's answer, the same in both modes: a row per process, named from the deployed BPMN. */
final class WaitingProcesses {

    private WaitingProcesses() {
    }

    /** The deployed processes first, then any an older deployment still runs, with no instances waiting too. */
    static List<ProcessWaiting> of(ProcessModels models, Map<String, List<ElementWaiting>> elements, Map<String, Long> live,
                                   Map<String, Long> incidents) {
        return processIds(models, elements, live.keySet()).stream()
                .map(id -> new ProcessWaiting(id, models.processName(id), live.getOrDefault(id, 0L),
                        incidents.getOrDefault(id, 0L), elements.getOrDefault(id, List.of())))
                .toList();
    }

    static Set<String> processIds(ProcessModels models, Map<String, List<ElementWaiting>> elements, Set<String> live) {
        Set<String> processIds = new LinkedHashSet<>(models.processIds());
        processIds.addAll(live);
        processIds.addAll(elements.keySet());
        return processIds;
    }
}
