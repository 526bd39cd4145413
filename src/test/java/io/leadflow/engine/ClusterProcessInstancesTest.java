package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.camunda.client.api.command.ClientException;
import io.leadflow.engine.ProcessInstances.ElementWaiting;
import io.leadflow.engine.ProcessInstances.ProcessWaiting;
import io.leadflow.engine.internal.ClusterProcessInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Remote mode's process view against a stub of a Camunda 8.8 cluster's Orchestration Cluster REST API
 * ({@link ClusterStub}): the active element instances searched a page at a time (cursor paging, oldest first), the
 * instances and incidents of each process counted from their searches' totals; the same answer as the embedded view.
 */
class ClusterProcessInstancesTest {

    private static final Instant FIRST_CONTACTS_FROM = Instant.parse("2026-11-25T09:00:00Z");
    // What the stub's cluster counts: live instances and open incidents per process.
    private static final Map<String, Long> LIVE = Map.of("lead-journey", 998L, "lead-sequence", 997L);
    private static final Map<String, Long> INCIDENTS = Map.of("lead-sequence", 1L);

    private ClusterStub cluster;
    private ClusterProcessInstances instances;

    @BeforeEach
    void startTheStub() throws IOException {
        cluster = ClusterStub.start(this::answer);
        instances = new ClusterProcessInstances(cluster.client, cluster.models());
    }

    @AfterEach
    void stopTheStub() {
        cluster.close();
    }

    @Test
    void leadsWaitAtTheElementsOfTheActiveElementInstancesNotAtTheirProcessesOrContainers() {
        List<ProcessWaiting> processes = instances.processes();

        assertThat(processes).containsExactly(
                new ProcessWaiting("lead-journey", "lead-journey", 998, 0, List.of(
                        new ElementWaiting("CallActivity_Connect", "CallActivity_Connect", "CALL_ACTIVITY", 1,
                                Instant.parse("2026-11-25T08:00:01Z")))),
                new ProcessWaiting("lead-sequence", "lead-sequence", 997, 1, List.of(
                        new ElementWaiting("Task_FirstContact", "Task_FirstContact", "USER_TASK", 997,
                                FIRST_CONTACTS_FROM.plusSeconds(4)),
                        new ElementWaiting("TimerEvent_WaitPlannedTime", "TimerEvent_WaitPlannedTime",
                                "INTERMEDIATE_CATCH_EVENT", 1, Instant.parse("2026-11-26T10:00:00Z")))));
    }

    @Test
    void theElementInstancesAreSearchedActiveOldestFirstAPageAtATimeAndTheCountsFromEachSearchsTotal() {
        instances.processes();

        List<JsonNode> elementSearches = searches("/v2/element-instances/search");
        assertThat(elementSearches).hasSize(2).allSatisfy(search -> {
            assertThat(equalTo(search.at("/filter/state"))).isEqualTo("ACTIVE");
            assertThat(search.at("/sort/0/field").asText()).isEqualTo("startDate");
            assertThat(search.at("/sort/0/order").asText()).isEqualToIgnoringCase("ASC");
            assertThat(search.at("/page/limit").asInt()).isEqualTo(1000);
        });
        assertThat(elementSearches.get(0).at("/page/after").isMissingNode()).isTrue();
        assertThat(elementSearches.get(1).at("/page/after").asText()).isEqualTo("WzEwMDBd");
        for (String counted : List.of("/v2/process-instances/search", "/v2/incidents/search")) {
            assertThat(searches(counted)).extracting(search -> equalTo(search.at("/filter/processDefinitionId")))
                    .containsExactly("lead-journey", "lead-sequence");
            assertThat(searches(counted)).allSatisfy(search -> {
                assertThat(equalTo(search.at("/filter/state"))).isEqualTo("ACTIVE");
                assertThat(search.at("/page/limit").asInt()).isEqualTo(1);
            });
        }
    }

    @Test
    void theLeadsWaitingAtAnElementAreItsActiveInstancesOldestFirstEachWithItsProcesssLead() throws IOException {
        cluster.close();
        try (ClusterStub waiting = ClusterStub.start((call, exchange) -> {
            switch (call.path()) {
                case "/v2/element-instances/search" -> ClusterStub.json(exchange, 200, """
                        {"items": [{"elementInstanceKey": "2251799813690101", "processInstanceKey": "2251799813690001",
                          "processDefinitionKey": "2251799813685249", "processDefinitionId": "lead-sequence",
                          "startDate": "2026-11-25T09:00:00.000Z", "elementId": "Task_FirstContact", "elementName": "First contact",
                          "type": "USER_TASK", "state": "ACTIVE", "hasIncident": false, "tenantId": "<default>"}],
                         "page": {"totalItems": 1, "hasMoreTotalItems": false, "startCursor": "WzFd", "endCursor": "WzFd"}}""");
                case "/v2/variables/search" -> ClusterStub.json(exchange, 200, """
                        {"items": [{"variableKey": "2251799813690201", "name": "leadId",
                          "value": "\\"5a0c4c0e-1d8b-4a53-a1f4-7c2e0b9d3e61\\"", "isTruncated": false,
                          "scopeKey": "2251799813690001", "processInstanceKey": "2251799813690001", "tenantId": "<default>"}],
                         "page": {"totalItems": 1, "hasMoreTotalItems": false, "startCursor": "WzFd", "endCursor": "WzFd"}}""");
                default -> ClusterStub.notFound(exchange, "No such endpoint");
            }
        })) {
            List<ProcessInstances.LeadWaiting> leads = new ClusterProcessInstances(waiting.client, waiting.models())
                    .leadsWaitingAt("lead-sequence", "Task_FirstContact", 100);

            assertThat(leads).containsExactly(new ProcessInstances.LeadWaiting("5a0c4c0e-1d8b-4a53-a1f4-7c2e0b9d3e61",
                    Instant.parse("2026-11-25T09:00:00Z")));
            JsonNode search = waiting.calls.stream().filter(call -> call.path().equals("/v2/element-instances/search"))
                    .map(ClusterStub.Call::body).findFirst().orElseThrow();
            assertThat(equalTo(search.at("/filter/processDefinitionId"))).isEqualTo("lead-sequence");
            assertThat(equalTo(search.at("/filter/elementId"))).isEqualTo("Task_FirstContact");
            assertThat(equalTo(search.at("/filter/state"))).isEqualTo("ACTIVE");
            assertThat(search.at("/page/limit").asInt()).isEqualTo(100);
            JsonNode variables = waiting.calls.stream().filter(call -> call.path().equals("/v2/variables/search"))
                    .map(ClusterStub.Call::body).findFirst().orElseThrow();
            assertThat(equalTo(variables.at("/filter/name"))).isEqualTo("leadId");
            assertThat(equalTo(variables.at("/filter/processInstanceKey"))).isEqualTo("2251799813690001");
        }
    }

    @Test
    void aClusterThatDoesNotAnswerIsTheClientsException() {
        cluster.close();
        try (ClusterStub away = ClusterStub.start((call, exchange) -> exchange.sendResponseHeaders(503, -1))) {
            ClusterProcessInstances view = new ClusterProcessInstances(away.client, away.models());
            assertThatThrownBy(view::processes).isInstanceOf(ClientException.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> searches(String path) {
        return cluster.calls.stream().filter(call -> call.path().equals(path)).map(ClusterStub.Call::body).toList();
    }

    /** A filter's value: a plain value, or the {@code $eq} of an advanced filter. */
    private static String equalTo(JsonNode filter) {
        return filter.isObject() ? filter.get("$eq").asText() : filter.asText();
    }

    private void answer(ClusterStub.Call call, HttpExchange exchange) throws IOException {
        switch (call.path()) {
            case "/v2/element-instances/search" -> ClusterStub.json(exchange, 200,
                    call.body().at("/page/after").isMissingNode() ? firstPage() : secondPage());
            case "/v2/process-instances/search" -> counted(exchange, LIVE.getOrDefault(equalTo(call.body().at("/filter/processDefinitionId")), 0L), """
                    {"processInstanceKey": "2251799813690001", "processDefinitionId": "%s", "processDefinitionName": "%1$s",
                     "processDefinitionVersion": 3, "processDefinitionKey": "2251799813685249",
                     "startDate": "2026-11-25T08:00:00.000Z", "state": "ACTIVE", "hasIncident": false, "tenantId": "<default>"}"""
                    .formatted(equalTo(call.body().at("/filter/processDefinitionId"))));
            case "/v2/incidents/search" -> counted(exchange, INCIDENTS.getOrDefault(equalTo(call.body().at("/filter/processDefinitionId")), 0L), """
                    {"incidentKey": "2251799813690090", "processDefinitionKey": "2251799813685249",
                     "processDefinitionId": "lead-sequence", "processInstanceKey": "2251799813690002",
                     "errorType": "JOB_NO_RETRIES", "errorMessage": "No template", "elementId": "Task_SendEmail",
                     "elementInstanceKey": "2251799813690070", "creationTime": "2026-11-25T10:00:00.000Z",
                     "state": "ACTIVE", "jobKey": "2251799813690080", "tenantId": "<default>"}""");
            default -> ClusterStub.notFound(exchange, "No such endpoint");
        }
    }

    /** A search asked for one item: that item when there are any, and the total. */
    private static void counted(HttpExchange exchange, long total, String item) throws IOException {
        ClusterStub.json(exchange, 200, """
                {"items": [%s], "page": {"totalItems": %d, "hasMoreTotalItems": false, "startCursor": "WzFd", "endCursor": "WzFd"}}"""
                .formatted(total == 0 ? "" : item, total));
    }

    /**
     * A full page, oldest first: a journey (its instance and the call activity it waits at), a sequence (its instance,
     * the sub-process of its attempt) and 996 first contacts, a second apart.
     */
    private static String firstPage() {
        List<String> items = new ArrayList<>(List.of(
                element(1, "lead-journey", "lead-journey", "PROCESS", Instant.parse("2026-11-25T08:00:00Z")),
                element(2, "lead-journey", "CallActivity_Connect", "CALL_ACTIVITY", Instant.parse("2026-11-25T08:00:01Z")),
                element(3, "lead-sequence", "lead-sequence", "PROCESS", Instant.parse("2026-11-25T08:00:02Z")),
                element(4, "lead-sequence", "SubProcess_Attempt", "SUB_PROCESS", Instant.parse("2026-11-25T08:00:03Z"))));
        for (int i = 4; i < 1000; i++) {
            items.add(element(i + 1, "lead-sequence", "Task_FirstContact", "USER_TASK", FIRST_CONTACTS_FROM.plusSeconds(i)));
        }
        return page(items, "WzEwMDBd");
    }

    /** The rest: a wait for the planned time and one more first contact, a day later. */
    private static String secondPage() {
        return page(List.of(
                element(1001, "lead-sequence", "TimerEvent_WaitPlannedTime", "INTERMEDIATE_CATCH_EVENT", Instant.parse("2026-11-26T10:00:00Z")),
                element(1002, "lead-sequence", "Task_FirstContact", "USER_TASK", Instant.parse("2026-11-26T11:00:00Z"))), "WzEwMDJd");
    }

    private static String page(List<String> items, String endCursor) {
        return """
                {"items": [%s], "page": {"totalItems": 1002, "hasMoreTotalItems": false, "startCursor": "WzFd", "endCursor": "%s"}}"""
                .formatted(String.join(",", items), endCursor);
    }

    private static String element(int n, String processId, String elementId, String type, Instant start) {
        return """
                {"elementInstanceKey": "%d", "processInstanceKey": "%d", "processDefinitionKey": "2251799813685249",
                 "processDefinitionId": "%s", "elementId": "%s", "elementName": "%s", "type": "%s", "state": "ACTIVE",
                 "hasIncident": false, "startDate": "%s", "tenantId": "<default>"}"""
                .formatted(2251799813700000L + n, 2251799813690000L + n, processId, elementId, elementId, type, start);
    }
}
