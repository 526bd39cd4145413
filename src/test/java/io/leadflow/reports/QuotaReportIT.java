package io.leadflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marketing's side of the SLA through the API: MQLs handed to reps count against the quota of 100 leads per active rep
 * a month (seed 004), per rep, team and in all, with what is owed by now flagged; the gauge says the same.
 */
class QuotaReportIT extends LeadflowIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aMonthWithNoLeadsOwesEveryActiveRepTheWholeQuota() {
        JsonNode month = api.get().uri("/api/reports/quota?month=2000-01").retrieve().body(JsonNode.class);

        assertThat(month.get("month").asText()).isEqualTo("2000-01");
        assertThat(month.get("quotaPerRep").asInt()).isEqualTo(100);
        assertThat(month.get("elapsed").asDouble()).isEqualTo(1.0);
        long activeReps = month.get("reps").size();
        assertThat(activeReps).isPositive();
        for (JsonNode rep : month.get("reps")) {
            assertThat(List.of(rep.get("quota").asLong(), rep.get("delivered").asLong(), rep.get("expected").asLong(),
                    rep.get("shortfall").asLong())).as(rep.get("name").asText()).containsExactly(100L, 0L, 100L, 100L);
            assertThat(rep.get("behind").asBoolean()).isTrue();
        }
        JsonNode total = month.get("total");
        assertThat(List.of(total.get("quota").asLong(), total.get("delivered").asLong(), total.get("shortfall").asLong()))
                .containsExactly(100 * activeReps, 0L, 100 * activeReps);
        assertThat(month.get("teams").findValues("quota").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(100 * activeReps);
    }

    @Test
    void threeMqlsHandedToRepsCountForTheirRepTheirTeamAndInAll() {
        JsonNode before = quota();
        List<UUID> leads = List.of(postLead(mqlLead("Quota")), postLead(mqlLead("Cuota")), postLead(mqlLead("Meta")));
        Map<String, Integer> handedTo = new HashMap<>();
        for (UUID id : leads) {
            JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null);
            handedTo.merge(lead.get("owner").asText(), 1, Integer::sum);
        }

        JsonNode after = quota();
        assertThat(after.at("/total/delivered").asLong()).isEqualTo(before.at("/total/delivered").asLong() + 3);
        handedTo.forEach((rep, count) -> {
            assertThat(line(after, "reps", rep).get("delivered").asLong())
                    .isEqualTo(line(before, "reps", rep).get("delivered").asLong() + count);
            String team = line(after, "reps", rep).get("team").asText();
            assertThat(line(after, "teams", team).get("delivered").asLong() - line(before, "teams", team).get("delivered").asLong())
                    .isEqualTo(handedTo.entrySet().stream().filter(other -> team.equals(line(after, "reps", other.getKey())
                            .get("team").asText())).mapToInt(Map.Entry::getValue).sum());
        });
        for (JsonNode standing : after.get("teams")) {
            long expected = (long) Math.floor(standing.get("quota").asLong() * after.get("elapsed").asDouble());
            assertThat(standing.get("expected").asLong()).isEqualTo(expected);
            assertThat(standing.get("shortfall").asLong()).isEqualTo(Math.max(0, expected - standing.get("delivered").asLong()));
            assertThat(standing.get("behind").asBoolean()).isEqualTo(standing.get("shortfall").asLong() > 0);
        }
        assertThat(meters.get("leadflow.quota.shortfall").gauge().value()).isEqualTo(after.at("/total/shortfall").asDouble());
        assertThat(meters.get("leadflow.quota.attainment").gauge().value()).isEqualTo(after.at("/total/attainment").asDouble());
    }

    @Test
    void aMonthThatIsNotOneIsRefusedNamingTheField() {
        var refused = api.get().uri("/api/reports/quota?month=2026-13").retrieve().toEntity(JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains("month");
    }

    private JsonNode quota() {
        return api.get().uri("/api/reports/quota").retrieve().body(JsonNode.class);
    }

    private static JsonNode line(JsonNode report, String level, String name) {
        for (JsonNode line : report.get(level)) {
            if (line.get("name").asText().equals(name)) {
                return line;
            }
        }
        throw new AssertionError("No " + level + " line " + name + " in " + report);
    }
}
