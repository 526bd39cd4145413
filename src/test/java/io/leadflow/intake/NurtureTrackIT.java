package io.leadflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.sequence.Nurtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Leads sales sent back to nurture, through the real engine, database and mail server: content, return, referral. */
class NurtureTrackIT extends LeadflowIntegrationTest {

    @Autowired
    ContactLeads contacts;
    @Autowired
    Nurtures nurtures;

    /** An MQL whose first call connected and whom the rep sent back to nurture from "Qualify lead". */
    private UUID backFromSales(Map<String, Object> submitted, String recycleReason) {
        UUID id = postLead(submitted);
        complete(id, "First contact", Map.of("outcome", "connected"));
        complete(id, "Qualify lead", Map.of("decision", "nurture", "recycleReason", recycleReason));
        awaitLead(id, lead -> lead.get("stage").asText().equals("LEAD"));
        return id;
    }

    @Test
    void aLeadSentBackToNurtureGetsAwarenessContentAtTheCadenceAndComesBackToMqlOnANewFormFill() {
        Map<String, Object> submitted = mqlLead("Nora");
        String email = (String) submitted.get("email");
        UUID id = backFromSales(submitted, "no-budget");
        int mailsBefore = awaitMail(email, 1).size();
        awaitAtRest(id);

        engineClock.advance(Duration.ofDays(14).plusMinutes(1));
        reachWorkingTime();
        awaitMail(email, mailsBefore + 1);
        await().atMost(PATIENCE).until(() -> timeline(id, "EMAIL_SENT").stream()
                .anyMatch(sent -> sent.at("/details/template").asText().contains("awareness") && sent.at("/details/nurture").asBoolean()));
        awaitAtRest(id);
        assertThat(mailbox(email)).as("one content email for the cadence's day").hasSize(mailsBefore + 1);

        assertThat(postLead(submitted)).as("the same person fills a form again").isEqualTo(id);
        JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null);
        assertThat(lead.get("stage").asText()).isEqualTo("MQL");
        JsonNode back = lead.get("stages").get(lead.get("stages").size() - 1);
        assertThat(back.get("reason").asText()).isEqualTo("Back from nurture: New form fill: ebook");
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
    }

    @Test
    void aLeadGoesRoundTheWholeLoopThroughTheTaskListWithEveryMoveExplained() {
        Map<String, Object> submitted = mqlLead("Greta");
        UUID id = backFromSales(submitted, "no-budget");

        assertThat(postLead(submitted)).as("a new form fill brings her back").isEqualTo(id);
        complete(id, "First contact", Map.of("outcome", "connected"));
        winTheDeal(id);

        JsonNode stages = lead(id).get("stages");
        assertThat(stages).extracting(stage -> stage.get("stage").asText())
                .containsSubsequence("LEAD", "MQL", "LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER");
        assertThat(stages).allSatisfy(stage -> assertThat(stage.get("reason").asText()).as("why %s", stage).isNotBlank());
        assertThat(stages).filteredOn(stage -> !"LEAD".equals(stage.get("stage").asText()) || stage.has("model"))
                .allSatisfy(stage -> assertThat(stage.get("model").asText()).as("the model that moved %s", stage).isNotBlank());
    }

    @Test
    void aNurturedLeadIsReEnrolledOnceAndALeadNotInNurtureIsNot() {
        UUID neverNurtured = postLead(mqlLead("Olga"));
        awaitLead(neverNurtured, l -> openTask(l, "First contact") != null);
        assertConflict(reEnrol(neverNurtured));

        UUID id = backFromSales(mqlLead("Rita"), "bad-timing");
        await().atMost(PATIENCE).until(() -> reEnrol(id).getStatusCode().value() == 202); // once its nurture has started
        JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null);
        assertThat(lead.get("stage").asText()).isEqualTo("MQL");
        assertThat(lead.get("stages").get(lead.get("stages").size() - 1).get("reason").asText())
                .isEqualTo("Back from nurture: Re-enrolled by api");
        assertConflict(reEnrol(id)); // out of nurture now
    }

    @Test
    void aSecondReEnrolmentDuringTheSameStayInNurtureIsRefused() {
        UUID lead = UUID.randomUUID();
        nurtures.entered(lead, 1L, null);
        nurtures.reEnrol(lead, "ana");
        nurtures.entered(lead, 1L, null); // the same nurture's job delivered again
        assertThatThrownBy(() -> nurtures.reEnrol(lead, "ana")).isInstanceOf(Nurtures.NotInNurture.class);

        nurtures.entered(lead, 2L, null); // a new stay in nurture
        nurtures.reEnrol(lead, "ana");
    }

    @Test
    void theDayALeadIsNurturedUntilIsChangedWhileItWaitsAndItComesBackOnTheNewDay() {
        LocalDate today = LocalDate.now(clock.withZone(BOGOTA));
        UUID undated = backFromSales(mqlLead("Irene"), "no-budget");
        awaitAtRest(undated); // its nurture has started, with no date
        assertConflict(changeNurtureDate(undated, today.plusDays(10).toString()));

        UUID id = postLead(mqlLead("Paula"));
        complete(id, "First contact", Map.of("outcome", "connected"));
        LocalDate first = today.plusDays(20);
        complete(id, "Qualify lead", Map.of("decision", "nurture", "recycleReason", "not-now", "nurtureUntil", first.toString()));
        awaitLead(id, lead -> lead.get("stage").asText().equals("LEAD"));
        awaitAtRest(id);
        ResponseEntity<JsonNode> notAfterToday = changeNurtureDate(id, today.toString());
        assertThat(notAfterToday.getStatusCode().value()).isEqualTo(400);
        assertThat(notAfterToday.getBody().toString()).contains("\"until\"");

        LocalDate later = today.plusDays(40);
        assertThat(changeNurtureDate(id, later.toString()).getStatusCode().value()).isEqualTo(202);
        assertThat(timeline(id, "NURTURE_DATE_CHANGED")).singleElement().satisfies(changed -> {
            assertThat(changed.at("/details/from").asText()).isEqualTo(first.toString());
            assertThat(changed.at("/details/until").asText()).isEqualTo(later.toString());
        });
        awaitAtRest(id);

        engineClock.advance(Duration.ofDays(25)); // past the first day
        reachWorkingTime();
        awaitAtRest(id);
        assertThat(lead(id).get("stage").asText()).as("the first day no longer ends the nurture").isEqualTo("LEAD");

        engineClock.advance(Duration.ofDays(20)); // past the new day
        JsonNode back = awaitLead(id, l -> openTask(l, "First contact") != null);
        assertThat(back.get("stage").asText()).isEqualTo("MQL");
        assertThat(back.get("stages").get(back.get("stages").size() - 1).get("reason").asText())
                .isEqualTo("Nurture date " + later + " reached");
        assertConflict(changeNurtureDate(id, today.plusDays(60).toString())); // out of nurture now
    }

    @Test
    void aNurtureDateOfAnEarlierRoundIsNotTheNextRoundsDate() {
        UUID id = postLead(mqlLead("Elena"));
        complete(id, "First contact", Map.of("outcome", "connected"));
        LocalDate first = LocalDate.now(clock.withZone(BOGOTA)).plusDays(10);
        complete(id, "Qualify lead", Map.of("decision", "nurture", "recycleReason", "not-now", "nurtureUntil", first.toString()));
        awaitLead(id, lead -> lead.get("stage").asText().equals("LEAD"));
        awaitAtRest(id);
        engineClock.advance(Duration.ofDays(11)); // past the day: back to MQL, the next round

        complete(id, "First contact", Map.of("outcome", "connected"));
        complete(id, "Qualify lead", Map.of("decision", "nurture", "recycleReason", "no-budget"));
        awaitLead(id, lead -> timesMql(lead) == 2 && lead.get("stage").asText().equals("LEAD"));
        awaitAtRest(id);
        JsonNode lead = lead(id);
        assertThat(lead.get("stage").asText()).as("nurtured until a sign, not until the first round's day").isEqualTo("LEAD");
        assertThat(timesMql(lead)).isEqualTo(2);
    }

    private static long timesMql(JsonNode lead) {
        return StreamSupport.stream(lead.get("stages").spliterator(), false).filter(stage -> stage.get("stage").asText().equals("MQL")).count();
    }

    private ResponseEntity<JsonNode> changeNurtureDate(UUID id, String until) {
        return api.post().uri("/api/leads/{id}/nurture/until", id).body(Map.of("until", until)).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> reEnrol(UUID id) {
        return api.post().uri("/api/leads/{id}/nurture/re-enrol", id).retrieve().toEntity(JsonNode.class);
    }

    private static void assertConflict(ResponseEntity<JsonNode> refused) {
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    @Test
    void whoSignsForALeadThatDoesNotDecideBecomesAReferralLeadIntroducedByItOnce() {
        Map<String, Object> submitted = mqlLead("Tomas");
        UUID id = backFromSales(submitted, "not-decision-maker");
        String signerEmail = uniqueEmail("lucia", "andesnet.co");
        complete(id, "Find who signs", Map.of("signerFirstName", "Lucía", "signerLastName", "Paz", "signerEmail", signerEmail,
                "signerJobTitle", "CEO"));

        await().atMost(PATIENCE).until(() -> !timeline(id, "CONTACT_FOUND").isEmpty());
        UUID referral = UUID.fromString(timeline(id, "CONTACT_FOUND").getFirst().at("/details/contactLeadId").asText());
        JsonNode lead = awaitLead(referral, l -> openTask(l, "First contact") != null);
        assertThat(lead.get("type").asText()).isEqualTo("REFERRAL");
        assertThat(lead.toString()).contains("\"referredBy\":\"Tomas Ruiz\"");
        assertThat(lead.get("companyLeadId").asText()).isEqualTo(id.toString());
        assertThat(lead.get("company").asText()).isEqualTo("AndesNet");

        // A retried job brings the same person again: the same lead, nothing recorded twice.
        assertThat(contacts.referral(id, new ContactLeads.Contact("Lucía", "Paz", signerEmail, "CEO"))).isEqualTo(referral);
        assertThat(timeline(id, "CONTACT_FOUND")).hasSize(1);
        assertThat(timeline(referral, "PROCESS_STARTED")).hasSize(1);
    }

    @Test
    void aReplySayingWrongPersonOpensFindWhoSignsFilledInWithWhoItNames() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Marta");
        String signerEmail = uniqueEmail("lucia", "andesnet.co");
        replyAsALeadDoes(lead.email(), lead.followUp(),
                "Hola Ana, no soy la persona indicada: escríbele a Lucía, " + signerEmail + ".\nSaludos,\nMarta");

        JsonNode recycled = awaitLead(lead.id(), l -> openTask(l, "Find who signs") != null);
        assertThat(recycled.get("stage").asText()).isEqualTo("LEAD");
        long task = openTask(recycled, "Find who signs").get("id").asLong();
        assertThat(tasks.get(task).context()).containsEntry("signerEmail", signerEmail).containsEntry("replyIntent", "WRONG_PERSON");
        tasks.complete(task, "ana", false, Map.of("signerFirstName", "Lucía", "signerEmail", signerEmail));

        await().atMost(PATIENCE).until(() -> !timeline(lead.id(), "CONTACT_FOUND").isEmpty());
        UUID referral = UUID.fromString(timeline(lead.id(), "CONTACT_FOUND").getFirst().at("/details/contactLeadId").asText());
        assertThat(lead(referral).get("type").asText()).isEqualTo("REFERRAL");
    }
}
