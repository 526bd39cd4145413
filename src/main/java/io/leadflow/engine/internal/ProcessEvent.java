package io.leadflow.engine.internal;

import java.time.Instant;

/** What the process view takes from one record of the engine's log. */
public sealed interface ProcessEvent {

    /** An element instance started waiting (a task, an event, a call activity) or a process instance started. */
    record ElementActivated(long elementInstanceKey, long processInstanceKey, String bpmnProcessId, String elementId,
                            String elementType, Instant since) implements ProcessEvent {
    }

    /** An element instance completed or was terminated; {@code processInstance} when it is the instance itself. */
    record ElementEnded(long elementInstanceKey, long processInstanceKey, boolean processInstance) implements ProcessEvent {
    }

    /** {@code jobKey} is null for an incident of no job. */
    record IncidentCreated(long incidentKey, long processInstanceKey, long elementInstanceKey, String bpmnProcessId,
                           String elementId, Long jobKey, String errorType, String errorMessage, Instant since)
            implements ProcessEvent {
    }

    record IncidentResolved(long incidentKey) implements ProcessEvent {
    }

    /** The process instance's leadId variable was set. */
    record LeadOfInstance(long processInstanceKey, String leadId) implements ProcessEvent {
    }
}
