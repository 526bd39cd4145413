package io.leadflow.engine.internal;

import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessModels;

import java.util.Optional;

/** The embedded engine's open incidents: its projected log, named from the deployed BPMN. */
public final class ProjectedIncidents implements Incidents {

    private final ProcessProjectionRepository repository;
    private final ProcessModels models;

    public ProjectedIncidents(ProcessProjectionRepository repository, ProcessModels models) {
        this.repository = repository;
        this.models = models;
    }

    @Override
    public Open open() {
        return new Open(repository.countIncidents(), repository.incidents(LISTED).stream().map(this::named).toList());
    }

    @Override
    public Optional<Incident> find(long incidentKey) {
        return repository.incident(incidentKey).map(this::named);
    }

    private Incident named(ProcessProjectionRepository.ProjectedIncident i) {
        return new Incident(i.incidentKey(), i.bpmnProcessId(), i.elementId(), models.elementName(i.bpmnProcessId(), i.elementId()),
                i.processInstanceKey(), i.jobKey(), i.leadId(), i.errorType(), i.errorMessage(), i.since());
    }
}
