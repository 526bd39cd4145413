package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.leadflow.engine.internal.ClusterIncidents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote mode's incidents against a stub of a Camunda 8.8 cluster's Orchestration Cluster REST API (the requests and
 * answers as Camunda documents them: keys as strings, searches as POST with filter, sort and page, the job's retries as
 * a PATCH changeset, a resolution as a POST answered 204, an unknown key a 404 problem): the cluster is not run here.
 */
class ClusterIncidentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEAD = "6f1c2b7e-0d4a-4b8e-9a57-2f0b8c1d3e45";

    /** What the stub was asked: method, path and body. */
    record Call(String method, String path, JsonNode body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> resolved = new ConcurrentHashMap<>();
    private HttpServer cluster;
    private CamundaClient client;
    private ClusterIncidents incidents;
    private CamundaProcessEngine engine;

    @BeforeEach
    void startTheStub() throws IOException {
        cluster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cluster.createContext("/v2/", this::answer);
        cluster.start();
        client = CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + cluster.getAddress().getPort()))
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .build();
        EngineProperties settings = new EngineProperties(EngineProperties.Mode.REMOTE, Path.of("unused"), Duration.ofDays(1),
                "classpath*:processes/*", Duration.ofMinutes(2), new EngineProperties.Embedded("127.0.0.1", 0, DataSize.ofMegabytes(1),
                Duration.ofSeconds(15), Duration.ofMinutes(1), null));
        incidents = new ClusterIncidents(client, new ProcessModels(client, settings));
        engine = new CamundaProcessEngine(client, settings);
    }

    @AfterEach
    void stopTheStub() {
        client.close();
        cluster.stop(0);
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
        assertThat(calls).extracting(Call::method, Call::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PATCH", "/v2/jobs/2251799813685280"),
                org.assertj.core.groups.Tuple.tuple("POST", "/v2/incidents/2251799813685290/resolution"));
        assertThat(calls.get(0).body().at("/changeset/retries").asInt()).isEqualTo(3);

        assertThat(engine.retryIncident(incident.incidentKey(), incident.jobKey(), 3)).isFalse();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(exchange.getRequestMethod(), path, request.length == 0 ? JSON.nullNode() : JSON.readTree(request)));
            if (path.equals("/v2/incidents/search")) {
                json(exchange, 200, """
                        {"items": [{"incidentKey": "2251799813685290", "processDefinitionKey": "2251799813685249",
                          "processDefinitionId": "lead-sequence", "processInstanceKey": "2251799813685250",
                          "errorType": "JOB_NO_RETRIES",
                          "errorMessage": "Template any__any__awareness.en.ftl: lead.firstName is missing",
                          "elementId": "Task_SendFollowUp", "elementInstanceKey": "2251799813685270",
                          "creationTime": "2026-11-25T11:00:00.000Z", "state": "ACTIVE", "jobKey": "2251799813685280",
                          "tenantId": "<default>"}],
                         "page": {"totalItems": 1, "startCursor": "WzFd", "endCursor": "WzFd"}}""");
            } else if (path.equals("/v2/variables/search")) {
                json(exchange, 200, """
                        {"items": [{"variableKey": "2251799813685255", "name": "leadId", "value": "\\"%s\\"",
                          "scopeKey": "2251799813685250", "processInstanceKey": "2251799813685250",
                          "tenantId": "<default>", "isTruncated": false}],
                         "page": {"totalItems": 1}}""".formatted(LEAD));
            } else if (path.equals("/v2/jobs/2251799813685280") && exchange.getRequestMethod().equals("PATCH")) {
                exchange.sendResponseHeaders(204, -1);
            } else if (path.equals("/v2/incidents/2251799813685290/resolution")
                    && resolved.putIfAbsent(path, true) == null) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                json(exchange, 404, """
                        {"type": "about:blank", "title": "NOT_FOUND", "status": 404,
                         "detail": "Command 'RESOLVE' rejected with code 'NOT_FOUND': Expected to resolve incident with key '2251799813685290', but no such incident was found",
                         "instance": "%s"}""".formatted(path));
            }
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
