package io.leadflow.engine.internal;

import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The process view of the embedded engine: its projection, named from the deployed BPMN. */
public final class ProjectedProcessInstances implements ProcessInstances {

    private final ProcessProjectionRepository repository;
    private final ProcessModels models;

    public ProjectedProcessInstances(ProcessProjectionRepository repository, ProcessModels models) {
        this.repository = repository;
        this.models = models;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<ProcessWaiting> processes() {
        Map<String, List<ElementWaiting>> elements = new LinkedHashMap<>();
        for (ProcessProjectionRepository.WaitingAt at : repository.waiting()) {
            elements.computeIfAbsent(at.bpmnProcessId(), id -> new ArrayList<>()).add(new ElementWaiting(at.elementId(),
                    models.elementName(at.bpmnProcessId(), at.elementId()), at.elementType(), at.waiting(), at.oldestSince()));
        }
        Map<String, Long> live = repository.liveInstances();
        Map<String, Long> incidents = repository.openIncidents();
        // the deployed processes first, then any an older deployment still runs
        Set<String> processIds = new LinkedHashSet<>(models.processIds());
        processIds.addAll(live.keySet());
        processIds.addAll(elements.keySet());
        return processIds.stream()
                .map(id -> new ProcessWaiting(id, models.processName(id), live.getOrDefault(id, 0L),
                        incidents.getOrDefault(id, 0L), elements.getOrDefault(id, List.of())))
                .toList();
    }

    @Override
    public List<LeadWaiting> leadsWaitingAt(String bpmnProcessId, String elementId, int limit) {
        return repository.leadsWaitingAt(bpmnProcessId, elementId, limit);
    }

    @Override
    public boolean shownLive(long processInstanceKey) {
        return repository.isLive(processInstanceKey);
    }
}
