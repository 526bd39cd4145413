package io.leadflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The process view of the whole stack: a lead posted shows up waiting at its First contact, on the deployed diagram. */
class ProcessReportIT extends LeadflowIntegrationTest {

    @Value("${leadflow.security.metrics-token}")
    String metricsToken;

    @Test
    void aNewLeadWaitsAtFirstContactInTheReportTheDiagramAndTheMetrics() {
        var lead = postLead(mqlLead("Valentina"));
        awaitLead(lead, l -> openTask(l, "First contact") != null);

        JsonNode firstContact = await().atMost(PATIENCE).until(() -> element("lead-sequence", "Task_FirstContact"),
                element -> element != null && element.get("waiting").asLong() >= 1);
        assertThat(firstContact.get("elementName").asText()).isEqualTo("First contact");
        assertThat(firstContact.get("elementType").asText()).isEqualTo("USER_TASK");
        assertThat(firstContact.get("oldestWaitingSince").asText()).isNotBlank();
        JsonNode report = api.get().uri("/api/reports/process").retrieve().body(JsonNode.class);
        JsonNode sequence = process(report, "lead-sequence");
        assertThat(sequence.get("name").asText()).isEqualTo("Connect sequence");
        assertThat(sequence.get("waiting").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(sequence.get("incidents").asLong()).isZero();
        assertThat(report.get("incidents").isArray()).isTrue();

        String csv = api.get().uri("/api/reports/process").header(HttpHeaders.ACCEPT, "text/csv").retrieve().body(String.class);
        assertThat(csv).startsWith("process,element,elementName,elementType,waiting,oldestWaitingSince")
                .contains("lead-sequence,Task_FirstContact,First contact,USER_TASK,");

        // The leads behind the count: Valentina among them, named.
        JsonNode waiting = api.get().uri("/api/reports/process/lead-sequence/elements/Task_FirstContact/leads").retrieve().body(JsonNode.class);
        JsonNode valentina = null;
        for (JsonNode one : waiting) {
            valentina = one.get("leadId").asText().equals(lead.toString()) ? one : valentina;
        }
        assertThat(valentina).as("Valentina waits at First contact").isNotNull();
        assertThat(valentina.get("name").asText()).startsWith("Valentina");
        assertThat(valentina.get("since").asText()).isNotBlank();
        assertThat(api.get().uri("/api/reports/process/lead-sequence/elements/No_Such_Element/leads").retrieve().body(JsonNode.class))
                .isEmpty();

        ResponseEntity<String> diagram = api.get().uri("/api/reports/process/lead-sequence/diagram").retrieve().toEntity(String.class);
        assertThat(diagram.getStatusCode().value()).isEqualTo(200);
        assertThat(diagram.getHeaders().getContentType().toString()).startsWith("application/xml");
        assertThat(diagram.getBody()).contains("<bpmn:userTask id=\"Task_FirstContact\"").contains("bpmndi:BPMNDiagram");
        ResponseEntity<JsonNode> unknown = api.get().uri("/api/reports/process/no-such-process/diagram").retrieve().toEntity(JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");

        await().atMost(PATIENCE).until(() -> api.get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + metricsToken).retrieve().body(String.class),
                scraped -> scraped.contains("leadflow_process_instances_waiting{element=\"Task_FirstContact\",process=\"lead-sequence\"}")
                        && scraped.contains("leadflow_process_incidents{process=\"lead-sequence\"} 0.0"));
    }

    private JsonNode element(String processId, String elementId) {
        JsonNode process = process(api.get().uri("/api/reports/process").retrieve().body(JsonNode.class), processId);
        return StreamSupport.stream(process.get("elements").spliterator(), false)
                .filter(element -> element.get("elementId").asText().equals(elementId)).findFirst().orElse(null);
    }

    private static JsonNode process(JsonNode report, String processId) {
        return StreamSupport.stream(report.get("processes").spliterator(), false)
                .filter(process -> process.get("bpmnProcessId").asText().equals(processId)).findFirst().orElseThrow();
    }
}
