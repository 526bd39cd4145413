package io.leadflow.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;

import java.time.Instant;
import java.util.Set;

/**
 * Reads the records of the engine's log that the process view needs, the way Zeebe's exporters and
 * Zeebe Process Test's record stream read them: the metadata first, the value only for events of
 * interest. Not thread-safe: it reuses its record objects.
 */
public final class ProcessRecordDecoder {

    /** The variable that names the lead a process instance works on. */
    static final String LEAD_VARIABLE = "leadId";

    // Containers: a lead waits at an element inside them, not at them.
    private static final Set<BpmnElementType> CONTAINERS = Set.of(BpmnElementType.SUB_PROCESS,
            BpmnElementType.EVENT_SUB_PROCESS, BpmnElementType.MULTI_INSTANCE_BODY, BpmnElementType.AD_HOC_SUB_PROCESS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordMetadata metadata = new RecordMetadata();
    private final ProcessInstanceRecord instance = new ProcessInstanceRecord();
    private final IncidentRecord incident = new IncidentRecord();
    private final VariableRecord variable = new VariableRecord();

    /** The record as the process view sees it, or null when it does not matter to it. */
    public ProcessEvent decode(LoggedEvent event) {
        event.readMetadata(metadata);
        if (metadata.getRecordType() != RecordType.EVENT) {
            return null;
        }
        Intent intent = metadata.getIntent();
        return switch (metadata.getValueType()) {
            case PROCESS_INSTANCE -> elementEvent(event, intent);
            case INCIDENT -> incidentEvent(event, intent);
            case VARIABLE -> intent == VariableIntent.CREATED || intent == VariableIntent.UPDATED ? leadEvent(event) : null;
            default -> null;
        };
    }

    private ProcessEvent elementEvent(LoggedEvent event, Intent intent) {
        boolean activated = intent == ProcessInstanceIntent.ELEMENT_ACTIVATED;
        if (!activated && intent != ProcessInstanceIntent.ELEMENT_COMPLETED && intent != ProcessInstanceIntent.ELEMENT_TERMINATED) {
            return null;
        }
        event.readValue(instance);
        BpmnElementType type = instance.getBpmnElementType();
        if (CONTAINERS.contains(type)) {
            return null;
        }
        return activated
                ? new ProcessEvent.ElementActivated(event.getKey(), instance.getProcessInstanceKey(), instance.getBpmnProcessId(),
                        instance.getElementId(), type.name(), Instant.ofEpochMilli(event.getTimestamp()))
                : new ProcessEvent.ElementEnded(event.getKey(), instance.getProcessInstanceKey(), type == BpmnElementType.PROCESS);
    }

    private ProcessEvent incidentEvent(LoggedEvent event, Intent intent) {
        if (intent == IncidentIntent.RESOLVED) {
            return new ProcessEvent.IncidentResolved(event.getKey());
        }
        if (intent != IncidentIntent.CREATED) {
            return null;
        }
        event.readValue(incident);
        return new ProcessEvent.IncidentCreated(event.getKey(), incident.getProcessInstanceKey(), incident.getElementInstanceKey(),
                incident.getBpmnProcessId(), incident.getElementId(), incident.getJobKey() > 0 ? incident.getJobKey() : null,
                incident.getErrorType().name(), incident.getErrorMessage(),
                Instant.ofEpochMilli(event.getTimestamp()));
    }

    private ProcessEvent leadEvent(LoggedEvent event) {
        event.readValue(variable);
        if (!LEAD_VARIABLE.equals(variable.getName()) || variable.getScopeKey() != variable.getProcessInstanceKey()) {
            return null;
        }
        try {
            Object leadId = JSON.readValue(variable.getValue(), Object.class);
            return leadId instanceof String id ? new ProcessEvent.LeadOfInstance(variable.getProcessInstanceKey(), id) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
