package io.leadflow.reports.internal;

import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;
import io.leadflow.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/** Where leads wait in the processes now, and the diagrams to draw it on. */
@RestController
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

    private final ProcessInstances instances;
    private final Incidents incidents;
    private final ProcessModels models;

    ProcessReportController(ProcessInstances instances, Incidents incidents, ProcessModels models) {
        this.instances = instances;
        this.incidents = incidents;
        this.models = models;
    }

    @Operation(summary = "Process instances waiting per process and element, and open incidents, in both engine modes "
            + "(against a cluster from its REST API's searches; 503 when it does not answer)")
    @GetMapping(value = "/api/reports/process", produces = {MediaType.APPLICATION_JSON_VALUE, CsvReports.TEXT_CSV_VALUE})
    ProcessReport process() {
        return new ProcessReport(instances.processes(), incidents.open().incidents());
    }

    @Operation(summary = "The BPMN XML deployed for a process, for a diagram")
    @GetMapping(value = "/api/reports/process/{bpmnProcessId}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] diagram(@PathVariable String bpmnProcessId) {
        return models.diagram(bpmnProcessId)
                .orElseThrow(() -> new NotFoundException("No process " + bpmnProcessId + " is deployed"));
    }
}
