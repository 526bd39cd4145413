package io.leadflow.reports.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where leads wait in the processes now, and the diagrams to draw it on. */
@RestController
@Tag(name = ApiDocumentation.REPORTS)
class ProcessReportController {

    record ProcessReport(List<ProcessInstances.ProcessWaiting> processes,
                         List<Incidents.Incident> incidents) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("process", "element", "elementName", "elementType", "waiting", "oldestWaitingSince");
        }

        /** A row per process and element leads wait at (open incidents are in the JSON answer). */
        @Override
        public List<List<?>> csvRows() {
            return processes.stream().flatMap(process -> process.elements().stream().map(element -> Arrays.asList(
                    process.bpmnProcessId(), element.elementId(), element.elementName(), element.elementType(),
                    element.waiting(), element.oldestWaitingSince()))).<List<?>>map(row -> row).toList();
        }
    }

    /** A lead waiting at an element, as the managers' page lists it: a link to its page, who it is, since when. */
    record WaitingLead(UUID leadId, String name, String company, Instant since) {
    }

    /** A page's worth: the managers' page lists them under the element's row. */
    static final int LEADS_SHOWN = 100;

    private final ProcessInstances instances;
    private final Incidents incidents;
    private final ProcessModels models;
    private final Leads leads;

    ProcessReportController(ProcessInstances instances, Incidents incidents, ProcessModels models, Leads leads) {
        this.instances = instances;
        this.incidents = incidents;
        this.models = models;
        this.leads = leads;
    }

    @Operation(summary = "Process instances waiting per process and element, and open incidents, in both engine modes "
            + "(against a cluster from its REST API's searches; 503 when it does not answer)")
    @GetMapping(value = "/api/reports/process", produces = {MediaType.APPLICATION_JSON_VALUE, CsvReports.TEXT_CSV_VALUE})
    ProcessReport process() {
        return new ProcessReport(instances.processes(), incidents.open().incidents());
    }

    @Operation(summary = "The leads waiting at an element of a process now, the longest waiting first (at most 100; embedded "
            + "engine, empty against a cluster)")
    @GetMapping(value = "/api/reports/process/{bpmnProcessId}/elements/{elementId}/leads", produces = MediaType.APPLICATION_JSON_VALUE)
    List<WaitingLead> waitingAt(@PathVariable String bpmnProcessId, @PathVariable String elementId) {
        List<ProcessInstances.LeadWaiting> waiting = instances.leadsWaitingAt(bpmnProcessId, elementId, LEADS_SHOWN);
        Map<UUID, Lead> byId = leads.findAll(waiting.stream().map(lead -> UUID.fromString(lead.leadId())).toList());
        return waiting.stream().map(lead -> {
            UUID id = UUID.fromString(lead.leadId());
            Lead found = byId.get(id);
            return new WaitingLead(id, found == null ? null : found.fullName(), found == null ? null : found.facts().company(),
                    lead.since());
        }).toList();
    }

    @Operation(summary = "The BPMN XML deployed for a process, for a diagram")
    @GetMapping(value = "/api/reports/process/{bpmnProcessId}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] diagram(@PathVariable String bpmnProcessId) {
        return models.diagram(bpmnProcessId)
                .orElseThrow(() -> new NotFoundException("No process " + bpmnProcessId + " is deployed"));
    }
}
