package io.leadflow.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay before you deploy through the API, beside the live leads it replays: the deployed side reproduces what the live
 * workers decided, the candidate side (a lower MQL threshold, Spain out of the international territory) changes the lead
 * the live fit score says it should, and nothing live is written or mailed. Bad inputs are 4xx naming the problem.
 */
class SimulationIT extends LeadflowIntegrationTest {

    private static final List<String> LIVE_TABLES = List.of("lead", "lead_event", "rep_task", "outbound_mail");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theCandidateModelsChangeTheLeadsTheLiveFactsSayAndNothingLiveIsTouched() throws Exception {
        Instant from = clock.instant().minusSeconds(60);
        UUID fitting = postLead(mqlLead("Rodrigo"));
        // Retail, 250 employees, a region served but not the target: 60 points, below the deployed threshold of 70.
        UUID spanish = postLead(Map.of("type", "FORM_FILL", "email", uniqueEmail("lucia", "iberotel.es"), "firstName", "Lucía",
                "jobTitle", "CEO", "country", "ES", "industry", "retail", "employees", 250));
        UUID small = postLead(Map.of("type", "FORM_FILL", "email", uniqueEmail("ann", "smallshop.mx"), "firstName", "Ann",
                "jobTitle", "CEO", "country", "MX"));
        List<UUID> leads = List.of(fitting, spanish, small);
        leads.forEach(id -> awaitTimeline(id, "QUALIFIED"));
        awaitLead(fitting, lead -> openTask(lead, "First contact") != null);
        awaitAtRest(fitting, spanish, small);
        Instant to = clock.instant().plusSeconds(60);
        Map<String, Long> rowsBefore = liveRows();
        int mailsBefore = mailServer.getReceivedMessages().length;

        ResponseEntity<JsonNode> accepted = simulate(Map.of(
                "lead-fit.dmn", changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55"),
                "lead-assignment.dmn", changed("lead-assignment.dmn", "\"US\",\"CA\",\"GB\",\"ES\"", "\"US\",\"CA\",\"GB\"")),
                from.toString(), to.toString());
        assertThat(accepted.getStatusCode().value()).as(String.valueOf(accepted.getBody())).isEqualTo(202);
        String location = accepted.getHeaders().getLocation().toString();
        JsonNode done = await().atMost(Duration.ofMinutes(3)).until(() -> api.get().uri(location).retrieve().body(JsonNode.class),
                simulation -> !List.of("QUEUED", "RUNNING").contains(simulation.get("status").asText()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("leads").asInt()).isEqualTo(3);
        assertThat(done.get("replayed").asInt()).isEqualTo(6);

        JsonNode result = done.get("result");
        // The deployed side, replayed, decides as the live workers did.
        assertThat(counts(result.at("/deployed/stages"))).isEqualTo(liveStages(leads));
        // The candidate side: the lead whose live score is at least the new threshold becomes an MQL, in the LATAM team.
        assertThat(lead(spanish).at("/fit/score").asInt()).isBetween(55, 69);
        assertThat(result.get("changedLeads")).hasSize(1);
        JsonNode changed = result.get("changedLeads").get(0);
        assertThat(changed.get("leadId").asText()).isEqualTo(spanish.toString());
        assertThat(changed.get("link").asText()).isEqualTo("/leads/" + spanish);
        assertThat(changed.at("/deployed/stage").asText()).isEqualTo("LEAD");
        assertThat(changed.at("/candidate/stage").asText()).isEqualTo("MQL");
        assertThat(changed.at("/candidate/team").asText()).isEqualTo("latam");
        assertThat(counts(result.at("/candidate/stages")).get("MQL")).isEqualTo(counts(result.at("/deployed/stages")).get("MQL") + 1);
        assertThat(result.at("/candidate/emails/Task_NotifyRep (rep-notification)").asInt())
                .isEqualTo(result.at("/deployed/emails/Task_NotifyRep (rep-notification)").asInt() + 1);

        assertThat(liveRows()).isEqualTo(rowsBefore);
        assertThat(mailServer.getReceivedMessages()).hasSize(mailsBefore);

        assertThat(done.get("report").asText()).isEqualTo("/manager/simulations/" + done.get("id").asText());
        assertThat(api.delete().uri(location).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(204);
        assertThat(api.get().uri(location).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void badInputsAreRefusedNamingTheProblem() throws Exception {
        assertProblem(simulate(Map.of("lead-identify.bpmn", "<definitions".getBytes(StandardCharsets.UTF_8)), "2026-01-01", "2026-01-31"),
                400, "lead-identify.bpmn");
        assertProblem(simulate(Map.of("lead-identify.bpmn", changed("lead-identify.bpmn", "value=\"lead-assignment\"",
                "value=\"lead-territory\"")), "2026-01-01", "2026-01-31"), 400, "lead-territory");
        // A model written before the routing headers names its decision in an input.
        assertProblem(simulate(Map.of("lead-identify.bpmn", changed("lead-identify.bpmn",
                "<zeebe:taskHeaders>\n          <zeebe:header key=\"decision\" value=\"lead-assignment\" />\n"
                        + "          <zeebe:header key=\"resultVariable\" value=\"team\" />\n        </zeebe:taskHeaders>",
                "<zeebe:ioMapping><zeebe:input source=\"=&quot;lead-territory&quot;\" target=\"decision\" />"
                        + "<zeebe:output source=\"=routing\" target=\"team\" /></zeebe:ioMapping>")),
                "2026-01-01", "2026-01-31"), 400, "Task_ChooseTeam calls the decision \\\"lead-territory\\\"");
        assertProblem(simulate(Map.of("lead-fit.dmn", changed("lead-fit.dmn", "<text>facts.industry</text>", "<text>facts.sector</text>")),
                "2026-01-01", "2026-01-31"), 400, "facts.sector");
        assertProblem(simulate(Map.of("lead-fit.dmn", changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55")), "2001-01-01", "2001-01-31"),
                400, "no lead arrived");
        assertProblem(simulate(Map.of("lead-fit.dmn", changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55")), null, "2001-01-31"),
                400, "from");
        assertProblem(simulate(Map.of("notes.txt", new byte[] {1}), "2026-01-01", "2026-01-31"), 400, "notes.txt");
        assertProblem(simulate(Map.of("lead-fit.dmn", new byte[2 * 1024 * 1024]), "2026-01-01", "2026-01-31"), 413, "lead-fit.dmn");
        assertProblem(simulateFile(changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55"), """
                type,email,country,arrivedAt
                FORM_FILL,ana@example.es,ES,2026-03-02T10:00:00Z
                FORM_FILL,not-an-address,ES,2026-03-02T11:00:00Z
                """), 400, "line 3: email is not an email address");
        assertProblem(simulateFile(changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55"), "type,email,email\n"), 400, "header");
        assertThat(api.get().uri("/api/simulations/{id}", UUID.randomUUID()).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(404);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, int status, String named) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().toString()).contains(named);
    }

    private ResponseEntity<JsonNode> simulate(Map<String, byte[]> models, String from, String to) {
        MultiValueMap<String, Object> parts = parts(models);
        if (from != null) {
            parts.add("from", from);
        }
        parts.add("to", to);
        return post(parts);
    }

    /** A CSV of leads instead of a period. */
    private ResponseEntity<JsonNode> simulateFile(byte[] fitRule, String leads) {
        MultiValueMap<String, Object> parts = parts(Map.of("lead-fit.dmn", fitRule));
        parts.add("leads", file("leads.csv", leads.getBytes(StandardCharsets.UTF_8)));
        return post(parts);
    }

    private static MultiValueMap<String, Object> parts(Map<String, byte[]> models) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        models.forEach((name, bytes) -> parts.add("models", file(name, bytes)));
        return parts;
    }

    private static ByteArrayResource file(String name, byte[] bytes) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private ResponseEntity<JsonNode> post(MultiValueMap<String, Object> parts) {
        return api.post().uri("/api/simulations").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve()
                .toEntity(JsonNode.class);
    }

    private Map<String, Long> liveRows() {
        Map<String, Long> rows = new HashMap<>();
        for (String table : LIVE_TABLES) {
            rows.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return rows;
    }

    private Map<String, Integer> liveStages(List<UUID> leads) {
        Map<String, Integer> stages = new HashMap<>();
        leads.forEach(id -> stages.merge(lead(id).get("stage").asText(), 1, Integer::sum));
        return stages;
    }

    private static Map<String, Integer> counts(JsonNode node) {
        Map<String, Integer> counts = new HashMap<>();
        node.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asInt()));
        return counts;
    }

    private static byte[] changed(String file, String from, String to) throws Exception {
        String model = Files.readString(Path.of("processes", file));
        assertThat(model).contains(from);
        return model.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
