package io.leadflow.engine.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The events of one read of the log, folded: an element that started and ended within the batch (a
 * gateway, a start event, a task done at once) costs no write at all.
 */
public final class ProjectionBatch {

    final Map<Long, ProcessEvent.ElementActivated> activated = new LinkedHashMap<>();
    final Set<Long> endedElements = new HashSet<>();
    final Map<Long, ProcessEvent.IncidentCreated> created = new LinkedHashMap<>();
    final Set<Long> resolved = new HashSet<>();
    final Map<Long, String> leads = new HashMap<>();
    final Set<Long> endedInstances = new HashSet<>();
    private final long position;

    /** Folds the events read up to and including the log position {@code position}. */
    public ProjectionBatch(Iterable<ProcessEvent> events, long position) {
        this.position = position;
        events.forEach(this::add);
    }

    /** The position of the last record read: the projection goes on after it. */
    public long position() {
        return position;
    }

    private void add(ProcessEvent event) {
        switch (event) {
            case ProcessEvent.ElementActivated started -> activated.put(started.elementInstanceKey(), started);
            case ProcessEvent.ElementEnded ended -> {
                if (activated.remove(ended.elementInstanceKey()) == null) {
                    endedElements.add(ended.elementInstanceKey());
                }
                if (ended.processInstance()) {
                    // its leadId may have been stored by an earlier batch
                    leads.remove(ended.processInstanceKey());
                    endedInstances.add(ended.processInstanceKey());
                }
            }
            case ProcessEvent.IncidentCreated incident -> created.put(incident.incidentKey(), incident);
            case ProcessEvent.IncidentResolved incident -> {
                if (created.remove(incident.incidentKey()) == null) {
                    resolved.add(incident.incidentKey());
                }
            }
            case ProcessEvent.LeadOfInstance lead -> leads.put(lead.processInstanceKey(), lead.leadId());
        }
    }
}
