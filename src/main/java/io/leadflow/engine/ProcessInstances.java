package io.leadflow.engine;

import java.time.Instant;
import java.util.List;

/**
 * Where process instances are waiting now and how many incidents each process has open, the same in both modes:
 * projected from the embedded engine's own log, or searched on a Camunda 8 cluster's Orchestration Cluster REST API
 * (the incidents themselves are {@link Incidents}).
 */
public interface ProcessInstances {

    /** An element with instances waiting at it, named as in the deployed BPMN. */
    record ElementWaiting(String elementId, String elementName, String elementType, long waiting, Instant oldestWaitingSince) {
    }

    /** A deployed process: its live instances, open incidents and the elements its instances wait at. */
    record ProcessWaiting(String bpmnProcessId, String name, long waiting, long incidents, List<ElementWaiting> elements) {
    }

    /** A lead waiting at an element, since when. */
    record LeadWaiting(String leadId, Instant since) {
    }

    /** Every deployed process, with no instances waiting too. */
    List<ProcessWaiting> processes();

    /** The leads waiting at this element of this process, the longest waiting first, at most {@code limit}. */
    List<LeadWaiting> leadsWaitingAt(String bpmnProcessId, String elementId, int limit);

    /**
     * Whether the view shows this process instance live: true spares asking the engine, whose only lookup writes to
     * its log; false says nothing (not projected yet, ended, or a view that always asks).
     */
    boolean shownLive(long processInstanceKey);
}
