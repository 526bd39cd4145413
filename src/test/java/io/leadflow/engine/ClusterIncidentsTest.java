package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.leadflow.engine.internal.ClusterIncidents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Remote mode's incidents against a stub of a Camunda 8.8 cluster's Orchestration Cluster REST API ({@link ClusterStub}):
 * the job's retries as a PATCH changeset, a resolution as a POST answered 204, an unknown key a 404 problem.
 */
class ClusterIncidentsTest {

    private static final String LEAD = "6f1c2b7e-0d4a-4b8e-9a57-2f0b8c1d3e45";

    private final Map<String, Boolean> resolved = new ConcurrentHashMap<>();
    private ClusterStub cluster;
    private List<ClusterStub.Call> calls;
    private ClusterIncidents incidents;
    private CamundaProcessEngine engine;

    @BeforeEach
    void startTheStub() throws IOException {
        cluster = ClusterStub.start(this::answer);
        calls = cluster.calls;
        incidents = new ClusterIncidents(cluster.client, cluster.models());
        engine = new CamundaProcessEngine(cluster.client, ClusterStub.remoteSettings());
    }

    @AfterEach
    void stopTheStub() {
        cluster.close();
    }

    @Test
    void theOpenIncidentsComeFromTheIncidentSearchWithTheirLeadFromTheVariableSearch() {
        Incidents.Open open = incidents.open();

        assertThat(open.total()).isEqualTo(1);
        assertThat(open.incidents()).singleElement().isEqualTo(new Incidents.Incident(2251799813685290L, "lead-sequence",
                "Task_SendFollowUp", "Task_SendFollowUp", 2251799813685250L, 2251799813685280L, LEAD, "JOB_NO_RETRIES",
                "Template any__any__awareness.en.ftl: lead.firstName is missing", Instant.parse("2026-11-25T11:00:00Z")));
        JsonNode search = calls.get(0).body();
        assertThat(calls.get(0).path()).isEqualTo("/v2/incidents/search");
        assertThat(search.at("/filter/state").asText()).isEqualTo("ACTIVE");
        assertThat(search.at("/sort/0/field").asText()).isEqualTo("creationTime");
        assertThat(search.at("/sort/0/order").asText()).isEqualToIgnoringCase("ASC");
        assertThat(search.at("/page/limit").asInt()).isEqualTo(Incidents.LISTED);
        assertThat(calls.get(1).path()).isEqualTo("/v2/variables/search");
        assertThat(calls.get(1).body().at("/filter/name").toString()).contains("leadId");
        assertThat(calls.get(1).body().at("/filter/processInstanceKey").toString()).contains("2251799813685250");
    }

    @Test
    void aRetryGivesTheJobRetriesThenResolvesTheIncidentAndASecondFindsItResolved() {
        Incidents.Incident incident = incidents.find(2251799813685290L).orElseThrow();
        assertThat(calls.get(0).body().at("/filter/incidentKey").toString()).contains("2251799813685290");
        assertThat(calls.get(0).body().at("/filter/state").asText()).isEqualTo("ACTIVE");
        calls.clear();

        assertThat(engine.retryIncident(incident.incidentKey(), incident.jobKey(), 3)).isTrue();
        assertThat(calls).extracting(ClusterStub.Call::method, ClusterStub.Call::path).containsExactly(
                tuple("PATCH", "/v2/jobs/2251799813685280"),
                tuple("POST", "/v2/incidents/2251799813685290/resolution"));
        assertThat(calls.get(0).body().at("/changeset/retries").asInt()).isEqualTo(3);

        assertThat(engine.retryIncident(incident.incidentKey(), incident.jobKey(), 3)).isFalse();
    }

    private void answer(ClusterStub.Call call, HttpExchange exchange) throws IOException {
        String path = call.path();
        if (path.equals("/v2/incidents/search")) {
            ClusterStub.json(exchange, 200, """
                    {"items": [{"incidentKey": "2251799813685290", "processDefinitionKey": "2251799813685249",
                      "processDefinitionId": "lead-sequence", "processInstanceKey": "2251799813685250",
                      "errorType": "JOB_NO_RETRIES",
                      "errorMessage": "Template any__any__awareness.en.ftl: lead.firstName is missing",
                      "elementId": "Task_SendFollowUp", "elementInstanceKey": "2251799813685270",
                      "creationTime": "2026-11-25T11:00:00.000Z", "state": "ACTIVE", "jobKey": "2251799813685280",
                      "tenantId": "<default>"}],
                     "page": {"totalItems": 1, "startCursor": "WzFd", "endCursor": "WzFd"}}""");
        } else if (path.equals("/v2/variables/search")) {
            ClusterStub.json(exchange, 200, """
                    {"items": [{"variableKey": "2251799813685255", "name": "leadId", "value": "\\"%s\\"",
                      "scopeKey": "2251799813685250", "processInstanceKey": "2251799813685250",
                      "tenantId": "<default>", "isTruncated": false}],
                     "page": {"totalItems": 1}}""".formatted(LEAD));
        } else if (path.equals("/v2/jobs/2251799813685280") && call.method().equals("PATCH")) {
            exchange.sendResponseHeaders(204, -1);
        } else if (path.equals("/v2/incidents/2251799813685290/resolution") && resolved.putIfAbsent(path, true) == null) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            ClusterStub.notFound(exchange, "Command 'RESOLVE' rejected with code 'NOT_FOUND': Expected to resolve incident "
                    + "with key '2251799813685290', but no such incident was found");
        }
    }
}
