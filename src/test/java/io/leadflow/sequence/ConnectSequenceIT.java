package io.leadflow.sequence;

import java.time.ZonedDateTime;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole connect sequences on the real engine, its clock moved forward day by day: the five attempts,
 * and the ways a sequence ends early (bounces and automatic replies: {@link AutoRepliesAndBouncesIT}).
 */
class ConnectSequenceIT extends LeadflowIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiveAttemptsWithNoAnswerRecycleTheLeadToNurture() throws Exception {
        Map<String, Object> submitted = mqlLead("Andres");
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);

        complete(id, "First contact", Map.of("outcome", "no-answer"));
        // No answer: an email (in the lead's working time) and a social touch the same day.
        reachWorkingTime();
        awaitMail(email, 1);
        complete(id, "Social touch after call", Map.of("action", "commented"));

        reachStep(id, 2);
        awaitMail(email, 2);
        reachStep(id, 3);
        complete(id, "Follow-up call", Map.of("outcome", "no-answer"));
        awaitMail(email, 3);
        complete(id, "Social touch after call", Map.of("action", "shared"));
        reachStep(id, 4);
        complete(id, "Social touch", Map.of("action", "connection-request"));
        reachStep(id, 5);
        awaitMail(email, 4);

        awaitTimeline(id, "RECYCLED_TO_NURTURE");
        JsonNode lead = lead(id);
        assertThat(lead.get("stage").asText()).isEqualTo("LEAD");
        assertThat(lead.get("stages")).extracting(move -> move.get("stage").asText()).containsExactly("LEAD", "MQL", "LEAD");
        assertThat(lead.at("/stages/2/reason").asText()).isEqualTo("no answer after the sequence");
        assertThat(jdbc.sql("select outcome || ' at step ' || step from sequence_outcome where lead_id = ?").param(id)
                .query(String.class).single()).as("how the sequence ended, credited to its last attempt").isEqualTo("NO_ANSWER at step 5");
        List<String> statuses = new ArrayList<>();
        lead.get("sequence").forEach(step -> statuses.add(step.get("status").asText()));
        assertThat(statuses).containsExactly("done", "done", "done", "done", "done");
        for (JsonNode step : lead.get("sequence")) {
            OffsetDateTime at = OffsetDateTime.parse(step.get("plannedAt").asText());
            assertThat(at.getOffset().getId()).isEqualTo("-05:00");
            assertThat(at.getHour()).isBetween(9, 16);
        }
        // The emails after calls with no answer (steps 1 and 3) say so; the others (steps 2 and 5) do not.
        List<Message> received = mailbox(email);
        assertThat(received).extracting(mail -> part(mail, "text/plain")).satisfiesExactly(
                first -> assertThat(first).contains("Intenté llamarte", "Vi que descargaste el ebook: ¿qué te pareció?"),
                second -> assertThat(second).doesNotContain("llamarte", "¿qué te pareció?"),
                third -> assertThat(third).contains("Intenté llamarte"),
                fifth -> assertThat(fifth).doesNotContain("llamarte"));
        for (Message mail : received) {
            assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/unsubscribe/" + id);
            assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(mail.getSubject()).contains("Andres");
        }
    }


    @Test
    void aReplyAfterTheSecondAttemptCancelsTheRest() throws Exception {
        Map<String, Object> submitted = mqlLead("Beatriz");
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);
        complete(id, "First contact", Map.of("outcome", "no-answer"));
        complete(id, "Social touch after call", Map.of("action", "commented"));
        reachStep(id, 2);
        Message second = awaitMail(email, 2).get(1);
        String sentId = second.getHeader("Message-ID")[0];

        // The lead hits "Reply": the answer reaches Ana, the rep it came from, and leadflow's inbox, which ends the sequence.
        assertThat(second.getFrom()).extracting(Object::toString).containsExactly("Ana Torres <ana@leadflow.local>");
        replyAsALeadDoes(email, second, "Sí, hablemos el jueves.");

        await().atMost(PATIENCE).until(() -> mailbox("ana@leadflow.local").stream().anyMatch(mail -> inReplyTo(mail, sentId)));
        awaitTimeline(id, "SEQUENCE_ENDED");
        JsonNode lead = awaitLead(id, l -> openTask(l, "Qualify lead") != null);
        assertThat(lead.get("sequence").get(2).get("status").asText()).isEqualTo("cancelled");
        assertThat(timelineEntry(id, "REPLIED").at("/details/replyIntent").asText()).isEqualTo("INTERESTED");
        // Time passes beyond the 14 days: no attempt 3 email, ever.
        engineClock.advance(Duration.ofDays(15));
        assertNoMoreEmailsAtRest(id, email, 2);
    }

    @Test
    void aReplyAskingToStopUnsubscribesTheLeadAsTheLinkDoes() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Ines");

        sendToInbox(reply(lead.email(), lead.followUp(), "Por favor, denme de baja de esta lista.", Map.of()));

        awaitTimeline(lead.id(), "SEQUENCE_ENDED");
        assertThat(timelineEntry(lead.id(), "UNSUBSCRIBED").at("/details/replyIntent").asText()).isEqualTo("UNSUBSCRIBE_REQUEST");
        assertThat(timelineTypes(lead.id())).doesNotContain("REPLIED");
        engineClock.advance(Duration.ofDays(15));
        assertNoMoreEmailsAtRest(lead.id(), lead.email(), 1);
    }

    @Test
    void aOneClickUnsubscribeEndsTheSequenceAndTheAddressNeverGetsAnotherEmail() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Diego");
        String link = lead.followUp().getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");

        var response = org.springframework.web.client.RestClient.create().post()
                .uri(link.replace("http://localhost:8080", "http://localhost:" + port))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click")
                .retrieve().toBodilessEntity();
        assertThat(response.getStatusCode().value()).isEqualTo(200);

        awaitTimeline(lead.id(), "SEQUENCE_ENDED");
        assertThat(timelineTypes(lead.id())).contains("UNSUBSCRIBED");
        assertThat(lead(lead.id()).get("stage").asText()).isEqualTo("MQL");
        engineClock.advance(Duration.ofDays(15));
        assertNoMoreEmailsAtRest(lead.id(), lead.email(), 1);
    }

    @Test
    void aConnectedCallIsFollowedOnceByTheAwarenessContentInTheLeadsLanguageAddressedByACleanName() throws Exception {
        Map<String, Object> submitted = new HashMap<>(mqlLead("Maria"));
        submitted.put("firstName", "MARÍA DE LA O");
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);

        complete(id, "First contact", Map.of("outcome", "connected"));

        awaitTimeline(id, "SEQUENCE_ENDED");
        assertNoMoreEmailsAtRest(id, email, 1);
        Message followUp = mailbox(email).getFirst();
        assertThat(followUp.getSubject()).startsWith("María de la O, ");
        // The guide's link is tracked: it names the email and the link, and leads to the guide (EmailTrackingIT).
        assertThat(part(followUp, "text/plain")).contains("Hola María de la O:", "Gracias por atender mi llamada hoy.",
                "«Cómo medir el retorno de tu marketing en 30 días»", "/click/0/").doesNotContain("Intenté llamarte");
        assertThat(timelineEntry(id, "EMAIL_SENT").at("/details/afterConnectedCall").asBoolean()).isTrue();
    }

    @Test
    void aMeetingBookedOnTheCallEndsTheSequenceWithAQualifyTask() {
        UUID id = postLead(mqlLead("Fernando"));
        complete(id, "First contact", Map.of("outcome", "meeting-booked", "notes", "Demo on Tuesday"));
        JsonNode lead = awaitLead(id, l -> openTask(l, "Qualify lead") != null);
        assertThat(lead.get("sequence").get(0).get("outcome").asText()).isEqualTo("meeting-booked");
        assertThat(lead.get("sequence").get(1).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aMeetingBookedThroughTheApiOrAStopByTheRepEndsTheSequence() {
        UUID booked = postLead(mqlLead("Gabriela"));
        awaitLead(booked, l -> openTask(l, "First contact") != null);
        assertThat(api.post().uri("/api/leads/{id}/meetings", booked).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("at", "2026-12-01T10:00:00-05:00")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(202);
        awaitLead(booked, l -> openTask(l, "Qualify lead") != null && openTask(l, "First contact") == null);

        UUID stopped = postLead(mqlLead("Hector"));
        awaitLead(stopped, l -> openTask(l, "First contact") != null);
        api.post().uri("/api/leads/{id}/sequence/stop", stopped).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "Talked at an event")).retrieve().toBodilessEntity();
        awaitLead(stopped, l -> l.get("openTasks").isEmpty());
        assertThat(timelineTypes(stopped)).contains("STOPPED", "SEQUENCE_ENDED");
    }

    @Test
    void thePreviewShowsTheCalendarBeforeSalesOpsChangeIt() {
        JsonNode plan = api.post().uri("/api/sequences/preview").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("start", "2026-10-09T21:30:00Z", "country", "ES", "timeZone", "Europe/Madrid"))
                .retrieve().body(JsonNode.class);
        assertThat(plan).hasSize(5);
        // Friday 23:30 in Madrid, Monday 12 October a holiday: the first attempt is Tuesday 09:00.
        assertThat(plan.get(0).get("at").asText()).isEqualTo("2026-10-13T09:00:00+02:00");
        JsonNode bad = api.post().uri("/api/sequences/preview").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("start", "yesterday", "country", "ZZ")).retrieve().body(JsonNode.class);
        assertThat(bad.get("errors").toString()).contains("start", "country", "timeZone");
    }

    /** A lead whose first call went unanswered, and the follow-up email that the lead received for it. */
    @Test
    void aFollowUpOfACallRecordedAt3AmIsSentAt9Am() throws Exception {
        ZonedDateTime threeAm = clock.instant().atZone(BOGOTA).plusDays(1).withHour(3).withMinute(0).withSecond(0).withNano(0);
        while (!calendar.isWorkingDay(threeAm.toLocalDate(), "CO")) {
            threeAm = threeAm.plusDays(1);
        }
        engineClock.advance(Duration.between(clock.instant(), threeAm.toInstant()));
        Map<String, Object> submitted = mqlLead("Valentina");
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);
        complete(id, "First contact", Map.of("outcome", "no-answer"));
        awaitTimeline(id, "TASK_COMPLETED");
        assertNoMoreEmailsAtRest(id, email, 0);

        engineClock.advance(Duration.between(clock.instant(), threeAm.withHour(9).toInstant()).plusSeconds(1));

        awaitMail(email, 1);
        JsonNode sent = timelineEntry(id, "EMAIL_SENT");
        assertThat(OffsetDateTime.parse(sent.get("at").asText()).atZoneSameInstant(BOGOTA).getHour()).isEqualTo(9);
    }

    /** Once the lead's processes have done all they can by now, the lead has had exactly {@code sent} emails. */
    private void assertNoMoreEmailsAtRest(UUID id, String email, int sent) {
        awaitAtRest(id);
        // An email is on the timeline from the moment it is queued; the mailbox shows it once it is delivered.
        assertThat(timelineTypes(id).stream().filter("EMAIL_SENT"::equals)).hasSize(sent);
        assertThat(awaitMail(email, sent)).hasSize(sent);
    }

    private JsonNode timelineEntry(UUID id, String type) {
        JsonNode timeline = api.get().uri("/api/leads/{id}/timeline", id).retrieve().body(JsonNode.class);
        for (JsonNode entry : timeline) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("No " + type + " on the timeline of " + id + ": " + timeline);
    }

    private static boolean inReplyTo(Message mail, String messageId) {
        try {
            String[] inReplyTo = mail.getHeader("In-Reply-To");
            return inReplyTo != null && inReplyTo[0].equals(messageId);
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Moves the engine's clock (and leadflow's) to the planned moment of an attempt. */
    private void reachStep(UUID id, int step) {
        JsonNode planned = awaitLead(id, l -> l.get("sequence").size() >= step).get("sequence").get(step - 1);
        Instant at = OffsetDateTime.parse(planned.get("plannedAt").asText()).toInstant();
        Duration ahead = Duration.between(clock.instant(), at);
        if (!ahead.isNegative()) {
            engineClock.advance(ahead.plusSeconds(1));
        }
    }

}
