package io.leadflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.FunnelQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The revenue planner's API on the whole application: seed 002's table, the month so far, and bad input. */
class PlannerIT extends LeadflowIntegrationTest {

    @Autowired
    FunnelQuery funnel;
    @Autowired
    JdbcClient jdbc;

    @Test
    void seed002sTableWithTheMonthSoFar() {
        UUID leadId = postLead(mqlLead("Valentina"));
        awaitLead(leadId, lead -> "MQL".equals(lead.get("stage").asText()));

        JsonNode plan = plan("{\"revenueGoal\":100000,\"averageDealSize\":1000,\"reps\":4}", 200);

        assertThat(plan.get("perMonth")).isEqualTo(json.valueToTree(Map.of("customers", 100, "opportunities", 200, "sqls", 400,
                "mqls", 800, "leads", 1_600, "prospects", 3_200)));
        assertThat(plan.get("perRep")).isEqualTo(json.valueToTree(Map.of("customers", 25, "opportunities", 50, "sqls", 100,
                "mqls", 200, "leads", 400, "prospects", 800)));
        // 400 leads a rep, 120 hours at 15 minutes: 480 attempts, one per lead; 96 leads each at 5 attempts.
        assertThat(plan.at("/capacity/leadsPerRep").asLong()).isEqualTo(400);
        assertThat(plan.at("/capacity/attemptsPerLeadPossible").asLong()).isEqualTo(1);
        assertThat(plan.at("/capacity/attemptsPerLeadPlanned").asInt()).isEqualTo(5);
        assertThat(plan.at("/capacity/repsNeeded").asLong()).isEqualTo(17);
        assertThat(plan.at("/capacity/enough").asBoolean()).isFalse();
        assertThat(plan.at("/ratesUsed/leadToMql").asDouble()).isEqualTo(0.5);
        assertThat(plan.get("measured").isNull()).isTrue();

        JsonNode actual = plan.get("actual");
        assertThat(actual.at("/monthToDate/leads").asLong()).isPositive();
        assertThat(actual.at("/monthToDate/mqls").asLong()).isPositive();
        assertThat(actual.at("/monthToDate/prospects").isNull()).as("leadflow sees no prospects").isTrue();
        assertThat(actual.at("/gap/leads").asLong()).isEqualTo(1_600 - actual.at("/monthToDate/leads").asLong());
        assertThat(actual.at("/gap/prospects").isNull()).isTrue();
    }

    @Test
    void measuredRatesComeFromTheWholeMonthsBefore() {
        JsonNode plan = plan("{\"revenueGoal\":1000,\"averageDealSize\":100,\"reps\":1,\"measured\":true,\"months\":2,"
                + "\"conversion\":{\"prospectToLead\":0.2}}", 200);

        JsonNode measured = plan.get("measured");
        assertThat(Instant.parse(measured.get("to").asText() + "T00:00:00Z")).isBefore(clock.instant());
        assertThat(measured.get("defaulted").toString()).contains("prospectToLead");
        assertThat(plan.at("/ratesUsed/prospectToLead").asDouble()).isEqualTo(0.2);
        assertThat(plan.at("/perMonth/customers").asLong()).isEqualTo(10);
    }

    @Test
    void aLeadReachesEveryStageUpToItsFurthestInThePeriod() {
        Instant from = Instant.parse("2001-01-01T00:00:00Z");
        Instant to = Instant.parse("2001-02-01T00:00:00Z");
        history("2001-01-05T10:00:00Z LEAD", "2001-01-06T10:00:00Z MQL", "2001-01-07T10:00:00Z SQL");
        history("2000-12-20T10:00:00Z LEAD", "2001-01-10T10:00:00Z MQL");
        history("2001-01-03T10:00:00Z LEAD", "2001-01-04T10:00:00Z DISQUALIFIED");
        history("2001-01-31T23:59:59Z LEAD", "2001-02-01T00:00:00Z CUSTOMER");
        history("2001-01-15T10:00:00Z LEAD", "2001-01-15T11:00:00Z CUSTOMER");

        assertThat(funnel.reached(from, to)).containsExactlyInAnyOrderEntriesOf(Map.of(LeadStage.LEAD, 5L,
                LeadStage.MQL, 3L, LeadStage.SQL, 2L, LeadStage.OPPORTUNITY, 1L, LeadStage.CUSTOMER, 1L));
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertThat(fields(plan("{\"revenueGoal\":-5,\"averageDealSize\":0,\"conversion\":{\"leadToMql\":1.5},\"reps\":0}", 400)))
                .containsExactly("revenueGoal", "averageDealSize", "conversion.leadToMql", "reps");
        assertThat(fields(plan("{\"revenueGoal\":\"NaN\",\"averageDealSize\":1000}", 400))).containsExactly("revenueGoal");
        assertThat(fields(plan("{\"revenueGoal\":1000,\"averageDealSize\":10,\"conversion\":{\"mqlToSql\":\"NaN\"}}", 400)))
                .containsExactly("conversion.mqlToSql");
        assertThat(fields(plan("{\"revenueGoal\":1000,\"averageDealSize\":10,\"reps\":2.5}", 400))).containsExactly("reps");
        assertThat(fields(plan("{\"averageDealSize\":10}", 400))).containsExactly("revenueGoal");
        assertThat(fields(plan("{\"revenueGoal\":1e308,\"averageDealSize\":1e-300}", 400))).containsExactly("revenueGoal");

        ResponseEntity<String> wrongKey = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer not-the-key").defaultStatusHandler(status -> true, (request, response) -> { }).build()
                .post().uri("/api/planner").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);
        assertThat(wrongKey.getStatusCode().value()).isEqualTo(401);
    }

    /** A lead with these stage moves ("instant STAGE"), straight into the history. */
    private void history(String... moves) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into lead (id, type, time_zone, language, created_at, updated_at) values (?, 'FORM_FILL', 'UTC', 'en', ?, ?)")
                .params(id, Timestamp.from(Instant.parse(moves[0].split(" ")[0])), Timestamp.from(Instant.parse(moves[0].split(" ")[0])))
                .update();
        for (String move : moves) {
            String[] atAndStage = move.split(" ");
            jdbc.sql("insert into lead_stage (lead_id, stage, at, reason) values (?, ?, ?, 'PlannerIT')")
                    .params(id, atAndStage[1], Timestamp.from(Instant.parse(atAndStage[0]))).update();
        }
    }

    private JsonNode plan(String body, int status) {
        ResponseEntity<JsonNode> answer = api.post().uri("/api/planner").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
        return answer.getBody();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
