package io.leadflow.engine.internal;

import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The process view of the embedded engine: its projection, named from the deployed BPMN. */
public final class ProjectedProcessInstances implements ProcessInstances {

    private final ProcessProjectionRepository repository;
    private final ProcessModels models;

    public ProjectedProcessInstances(ProcessProjectionRepository repository, ProcessModels models) {
        this.repository = repository;
        this.models = models;
    }

    @Override
    public List<ProcessWaiting> processes() {
        Map<String, List<ElementWaiting>> elements = new LinkedHashMap<>();
        for (ProcessProjectionRepository.WaitingAt at : repository.waiting()) {
            elements.computeIfAbsent(at.bpmnProcessId(), id -> new ArrayList<>()).add(new ElementWaiting(at.elementId(),
                    models.elementName(at.bpmnProcessId(), at.elementId()), at.elementType(), at.waiting(), at.oldestSince()));
        }
        return WaitingProcesses.of(models, elements, repository.liveInstances(), repository.openIncidents());
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
