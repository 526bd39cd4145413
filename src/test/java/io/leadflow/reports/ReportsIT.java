package io.leadflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reports after a scripted day on the real engine, its clock moved: of four MQL leads one replies, one unsubscribes,
 * one books a meeting on the first call and is won, one is never called and breaches the SLA.
 */
class ReportsIT extends LeadflowIntegrationTest {

    /** The two follow-up emails of the day went out tracked; nobody opened or clicked them. */
    private static final String NOT_OPENED = "\"tracked\":2,\"opened\":0,\"clicked\":0,\"openRate\":0.0,\"clickRate\":0.0";

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyReportCountsTheScriptedDay() throws Exception {
        LocalDate day = workingDay();
        String period = "from=" + day + "&to=" + day.plusDays(1);
        JsonNode anaBefore = ana();
        String source = "reports-" + UUID.randomUUID().toString().substring(0, 8);
        UUID replies = postLead(lead("Alicia", source));
        UUID breaches = postLead(lead("Bruno", source));
        UUID unsubscribes = postLead(lead("Camila", source));
        UUID isWon = postLead(lead("Diego", source));
        for (UUID id : List.of(replies, breaches, unsubscribes, isWon)) {
            awaitLead(id, l -> openTask(l, "First contact") != null);
        }

        engineClock.advance(Duration.ofHours(1));
        complete(replies, "First contact", Map.of("outcome", "no-answer"));
        complete(unsubscribes, "First contact", Map.of("outcome", "no-answer"));
        engineClock.advance(Duration.ofHours(1));
        complete(isWon, "First contact", Map.of("outcome", "meeting-booked"));

        Message followUp = awaitMail(email(replies), 1).getFirst();
        sendToInbox(reply(email(replies), followUp, "¡Hola! Sí, me interesa. ¿Hablamos el jueves?", Map.of()));
        awaitMail(email(unsubscribes), 1);
        api.post().uri("/api/leads/{id}/unsubscribe", unsubscribes).retrieve().toBodilessEntity();
        winTheDeal(isWon);
        JsonNode firstContact = openTask(lead(breaches), "First contact");
        engineClock.advance(Duration.between(clock.instant(), OffsetDateTime.parse(firstContact.get("due").asText()).toInstant())
                .plusMinutes(1));
        awaitTimeline(breaches, "SLA_BREACHED");
        for (UUID id : List.of(replies, unsubscribes, isWon)) {
            awaitTimeline(id, "SEQUENCE_ENDED");
        }
        awaitAtRest(replies, breaches, unsubscribes, isWon);

        JsonNode funnel = report("/api/reports/funnel?groupBy=source&" + period);
        JsonNode ours = null;
        for (JsonNode group : funnel.get("groups")) {
            ours = group.get("group").asText().equals(source) ? group : ours;
        }
        assertThat(reached(ours)).containsExactly(4L, 4L, 1L, 1L, 1L);
        assertThat(ours.at("/conversions/1/rate").asDouble()).isEqualTo(0.25);
        assertThat(List.of(ours.get("lost").asLong(), ours.get("disqualified").asLong(), ours.get("nurture").asLong()))
                .containsExactly(0L, 0L, 0L);

        JsonNode sla = report("/api/reports/sla?" + period);
        assertThat(sla.get("firstAttempt").toString()).isEqualTo(
                "{\"due\":4,\"met\":3,\"breached\":1,\"compliance\":0.75,\"medianWorkingHoursToFirstAttempt\":1.0}");
        assertThat(sla.get("byWeek")).hasSize(1);
        assertThat(sla.at("/byWeek/0/due").asLong()).isEqualTo(4);
        assertThat(sla.get("breachesTotal").asLong()).isEqualTo(1);
        assertThat(sla.get("breaches")).hasSize(1);
        JsonNode breach = sla.at("/breaches/0");
        assertThat(List.of(breach.get("leadId").asText(), breach.get("leadName").asText(), breach.get("rep").asText(),
                breach.get("kind").asText(), breach.get("taskUrl").asText()))
                .containsExactly(breaches.toString(), "Bruno Ruiz", "ana", "FIRST_CONTACT", "/tasks/lead/" + breaches);

        JsonNode sequences = report("/api/reports/sequences?" + period);
        assertThat(sequences.get("steps").toString()).isEqualTo("[{\"step\":1,\"channel\":\"CALL\",\"sent\":3,\"replied\":1,"
                + "\"meetings\":1,\"unsubscribed\":1,\"bounced\":0,\"replyRate\":0.3333,\"meetingRate\":0.3333,"
                + "\"unsubscribeRate\":0.3333,\"bounceRate\":0.0," + NOT_OPENED + "}]");
        String template = timelineEntry(replies, "EMAIL_SENT").at("/details/template").asText();
        assertThat(sequences.get("templates").toString()).isEqualTo("[{\"template\":\"" + template + "\",\"sent\":2,\"replied\":1,"
                + "\"meetings\":0,\"unsubscribed\":1,\"bounced\":0,\"replyRate\":0.5,\"meetingRate\":0.0,"
                + "\"unsubscribeRate\":0.5,\"bounceRate\":0.0," + NOT_OPENED + "}]");
        assertThat(sequences.get("variants")).isEmpty();
        assertThat(api.get().uri("/api/reports/sequences?" + period).header(HttpHeaders.ACCEPT, "text/csv").retrieve().body(String.class))
                .startsWith("kind,key,channel,sent,").contains("step,1,CALL,3,1,1,1,0,0.3333,0.3333,0.3333,0.0,2,0,0,0.0,0.0\r\n");

        // The day's leads are this test's source's; a source nobody has counts nothing in any report.
        String ourSource = "&source=" + source.toUpperCase(Locale.ROOT);
        assertThat(reached(report("/api/reports/funnel?" + period + ourSource).at("/groups/0"))).containsExactly(4L, 4L, 1L, 1L, 1L);
        assertThat(report("/api/reports/sla?" + period + ourSource).get("firstAttempt")).isEqualTo(sla.get("firstAttempt"));
        assertThat(report("/api/reports/sla?" + period + ourSource).get("breaches")).isEqualTo(sla.get("breaches"));
        assertThat(report("/api/reports/sequences?" + period + ourSource)).isEqualTo(sequences);
        String otherSource = "&source=other-" + source;
        assertThat(report("/api/reports/funnel?" + period + otherSource).get("groups")).isEmpty();
        assertThat(report("/api/reports/sla?" + period + otherSource).at("/firstAttempt/due").asLong()).isZero();
        assertThat(report("/api/reports/sla?" + period + otherSource).get("breachesTotal").asLong()).isZero();
        JsonNode noSequences = report("/api/reports/sequences?" + period + otherSource);
        assertThat(List.of(noSequences.get("steps").size(), noSequences.get("templates").size())).containsExactly(0, 0);

        // Ana's open and overdue tasks now: this test's leads are all she has.
        List<JsonNode> open = new ArrayList<>();
        for (UUID id : List.of(replies, breaches, unsubscribes, isWon)) {
            lead(id).get("openTasks").forEach(task -> {
                if ("ana".equals(task.path("assignee").asText())) {
                    open.add(task);
                }
            });
        }
        long overdue = open.stream().filter(task -> task.hasNonNull("due")
                && OffsetDateTime.parse(task.get("due").asText()).toInstant().isBefore(clock.instant())).count();
        JsonNode anaAfter = await().atMost(PATIENCE).until(this::ana,
                report -> report.get("openTasks").asLong() == tasks.openTasksOf(List.of("ana"), 1).total());
        assertThat(anaAfter.get("openTasks").asLong()).isEqualTo(open.size());
        assertThat(anaAfter.get("overdueTasks").asLong()).isEqualTo(overdue);
        assertThat(anaAfter.get("assigned").asLong() - anaBefore.get("assigned").asLong()).isEqualTo(4);
        assertThat(anaAfter.get("capacityUse").asDouble())
                .isEqualTo(anaAfter.get("assigned").asDouble() / anaAfter.get("capacity").asDouble(), within());
    }

    /**
     * Moves the clocks to 09:30 in Bogotá on the next working day, which has its own UTC date: this class's leadflow is
     * its own, so the day's leads are all that moves in it.
     */
    private LocalDate workingDay() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        while (!calendar.isWorkingDay(day, "CO")) {
            day = day.plusDays(1);
        }
        Instant start = day.atTime(9, 30).atZone(BOGOTA).toInstant();
        engineClock.advance(Duration.between(clock.instant(), start));
        return day;
    }

    private Map<String, Object> lead(String firstName, String source) {
        Map<String, Object> lead = new HashMap<>(mqlLead(firstName));
        lead.put("source", source);
        return lead;
    }

    private String email(UUID id) {
        return lead(id).get("email").asText();
    }

    private JsonNode report(String uri) {
        return api.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
    }

    private JsonNode ana() {
        for (JsonNode rep : report("/api/reports/reps").get("reps")) {
            if (rep.get("username").asText().equals("ana")) {
                return rep;
            }
        }
        throw new AssertionError("ana is not in the reps report");
    }

    private static List<Long> reached(JsonNode group) {
        List<Long> reached = new ArrayList<>();
        group.get("stages").forEach(stage -> reached.add(stage.get("reached").asLong()));
        return reached;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.0001);
    }

    private JsonNode timelineEntry(UUID id, String type) {
        for (JsonNode entry : api.get().uri("/api/leads/{id}/timeline", id).retrieve().body(JsonNode.class)) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " on the timeline of " + id);
    }
}
