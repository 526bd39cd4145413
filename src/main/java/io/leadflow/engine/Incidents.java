package io.leadflow.engine;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The engine's open incidents, in both modes: projected from the embedded engine's log, or searched on a Camunda 8
 * cluster's Orchestration Cluster REST API. Retrying one is {@link ProcessEngine#retryIncident}.
 */
public interface Incidents {

    /** The most incidents a listing answers, oldest first; {@link Open#total()} counts them all. */
    int LISTED = 500;

    /**
     * An incident not resolved yet. {@code jobKey} is null for an incident of no job (an expression that failed);
     * {@code leadId} is null when the instance has no leadId variable. The engine's keys are JSON strings, as in
     * Camunda's REST API: a key of a partition past the third is beyond the integers JavaScript reads exactly.
     */
    record Incident(@JsonFormat(shape = JsonFormat.Shape.STRING) long incidentKey, String bpmnProcessId, String elementId,
                    String elementName, @JsonFormat(shape = JsonFormat.Shape.STRING) long processInstanceKey,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) Long jobKey, String leadId, String errorType,
                    String errorMessage, Instant since) {
    }

    /** How many incidents are open, and the oldest {@link #LISTED} of them. */
    record Open(long total, List<Incident> incidents) {
    }

    /** The open incidents, oldest first. */
    Open open();

    /** The incident, while it is open. */
    Optional<Incident> find(long incidentKey);
}
