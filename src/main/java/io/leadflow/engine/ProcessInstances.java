package io.leadflow.engine;

import java.time.Instant;
import java.util.List;

/**
 * Where process instances are waiting now and how many incidents each process has open: the embedded engine's answer
 * to Operate, projected from its own log (the incidents themselves are {@link Incidents}, in both modes). Against a
 * Camunda 8 cluster Operate does this job and {@link #available()} is false.
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

    /** Whether leadflow sees its process instances (embedded engine); false against a cluster. */
    boolean available();

    /** Every deployed process, with no instances waiting too; empty when not {@link #available()}. */
    List<ProcessWaiting> processes();

    /** The leads waiting at this element of this process, the longest waiting first, at most {@code limit}. */
    List<LeadWaiting> leadsWaitingAt(String bpmnProcessId, String elementId, int limit);

    /**
     * Whether the view shows this process instance live: true spares asking the engine, whose only lookup writes to
     * its log; false says nothing (not projected yet, ended, or not {@link #available()}).
     */
    boolean shownLive(long processInstanceKey);

    /** Against a cluster: Operate shows the instances. */
    ProcessInstances IN_OPERATE = new ProcessInstances() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public List<ProcessWaiting> processes() {
            return List.of();
        }

        @Override
        public List<LeadWaiting> leadsWaitingAt(String bpmnProcessId, String elementId, int limit) {
            return List.of();
        }

        @Override
        public boolean shownLive(long processInstanceKey) {
            return false;
        }
    };
}
