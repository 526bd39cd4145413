package io.leadflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.tasklist.RepTaskService;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every path of the identify stage, from the API through the real engine, database and mail server. */
class IdentifyStageIT extends LeadflowIntegrationTest {

    @Autowired
    BusinessHoursCalendar calendar;
    @Autowired
    RepTaskService tasks;
    @Autowired
    ContactLeads contacts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFittingDecisionMakerBecomesAnMqlWithAnOwnerAFirstContactTaskAndANotifiedRep() throws Exception {
        Map<String, Object> submitted = mqlLead("Rodrigo");
        var arrived = clock.instant();
        UUID id = postLead(submitted);

        JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null);
        assertThat(lead.get("stage").asText()).isEqualTo("MQL");
        assertThat(lead.get("stages")).extracting(move -> move.get("stage").asText()).containsExactly("LEAD", "MQL");
        assertThat(lead.at("/stages/0/reason").asText()).isEqualTo("received as FORM_FILL");
        assertThat(lead.at("/stages/1/reason").asText()).startsWith("lead-fit: score ").contains("Region: LATAM");
        assertThat(lead.at("/stages/1/decidedBy").asText()).startsWith("lead-fit v").contains(", rule Rule_LeadFit_Mql (");
        assertThat(lead.at("/stages/1/at").asText()).endsWith("-05:00");
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
        assertThat(lead.at("/fit/score").asInt()).isGreaterThanOrEqualTo(70);
        assertThat(lead.at("/fit/reasons").toString()).contains("Region: LATAM", "200+ employees");
        assertThat(lead.at("/enrichment/role").asText()).isEqualTo("MARKETING_DIRECTOR");

        JsonNode task = openTask(lead, "First contact");
        assertThat(task.get("assignee").asText()).isEqualTo("ana");
        OffsetDateTime due = OffsetDateTime.parse(task.get("due").asText());
        var expected = calendar.addWorkingTime(arrived, Duration.ofHours(4), "CO", ZoneId.of("America/Bogota"));
        assertThat(Duration.between(expected.toInstant(), due.toInstant()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(due.getOffset().getId()).isEqualTo("-05:00");

        // The rep's mail leaves through the outbox: it may arrive after the task.
        List<Message> mails = await().atMost(PATIENCE).until(() -> mailbox("ana@leadflow.local").stream()
                .filter(m -> subject(m).contains("Rodrigo Ruiz")).toList(), found -> !found.isEmpty());
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getContent().toString()).contains("First contact", "Region: LATAM", "/tasks/lead/" + id,
                "How it came:", "- Came as: form fill", "- Source: ebook", "- Signals: activity");
    }

    @Test
    void aLeadThatDoesNotFitStaysALeadForNurture() {
        UUID id = postLead(Map.of("type", "FORM_FILL", "email", uniqueEmail("ann", "smallshop.mx"), "firstName", "Ann",
                "jobTitle", "CEO", "country", "MX"));
        awaitTimeline(id, "QUALIFIED");
        JsonNode lead = lead(id);
        assertThat(lead.get("stage").asText()).isEqualTo("LEAD");
        assertThat(lead.get("owner").isNull()).isTrue();
        assertThat(lead.get("openTasks")).isEmpty();
    }

    @Test
    void aPersonalEmailLowersTheFit() {
        Map<String, Object> submitted = new HashMap<>(mqlLead("Pablo"));
        submitted.put("email", uniqueEmail("pablo", "gmail.com"));
        submitted.put("employees", 900);
        submitted.put("industry", "retail");
        UUID id = postLead(submitted);
        awaitTimeline(id, "QUALIFIED");
        JsonNode lead = lead(id);
        assertThat(lead.at("/enrichment/personalEmail").asBoolean()).isTrue();
        assertThat(lead.at("/fit/reasons").toString()).contains("Personal email domain");
        assertThat(lead.get("stage").asText()).isEqualTo("LEAD");
    }

    @Test
    void aSelfDeclaredStudentIsDisqualified() {
        Map<String, Object> submitted = new HashMap<>(mqlLead("Sofia"));
        submitted.put("jobTitle", "Estudiante de marketing");
        UUID id = postLead(submitted);
        awaitTimeline(id, "QUALIFIED");
        assertThat(lead(id).get("stage").asText()).isEqualTo("DISQUALIFIED");
        assertThat(lead(id).get("stages")).extracting(move -> move.get("stage").asText()).containsExactly("LEAD", "DISQUALIFIED");
        assertThat(lead(id).get("openTasks")).isEmpty();
    }

    @Test
    void aVisitingCompanyGetsAResearchTaskInsteadOfAQualification() {
        String domain = "visit-" + UUID.randomUUID().toString().substring(0, 8) + ".com.mx";
        UUID id = postLead(Map.of("type", "COMPANY_VISIT", "companyDomain", domain, "visitorIp", "189.203.4.7",
                "pagesViewed", List.of("/pricing", "/blog/5g-churn"), "country", "MX"));
        JsonNode lead = awaitLead(id, l -> openTask(l, "Research who to contact") != null);
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
        assertThat(lead.get("stage").asText()).isEqualTo("LEAD");
        assertThat(timelineTypes(id)).doesNotContain("QUALIFIED");
    }

    @Test
    void theContactFoundForAVisitingCompanyIsALeadOfItsOwnLinkedToTheCompanyAndIdentified() {
        String domain = "visit-" + UUID.randomUUID().toString().substring(0, 8) + ".com.mx";
        UUID company = postLead(Map.of("type", "COMPANY_VISIT", "companyDomain", domain, "company", "Visitel",
                "employees", 900, "industry", "telecom", "pagesViewed", List.of("/pricing"), "country", "MX"));
        JsonNode research = openTask(awaitLead(company, l -> openTask(l, "Research who to contact") != null), "Research who to contact");
        String email = uniqueEmail("valeria", domain);
        tasks.complete(research.get("id").asLong(), "ana", false, Map.of("contactFirstName", "Valeria", "contactLastName", "Soto",
                "contactEmail", email, "contactJobTitle", "Directora de Marketing", "notes", "On the team page"));

        await().atMost(PATIENCE).until(() -> !timeline(company, "CONTACT_FOUND").isEmpty());
        JsonNode found = timeline(company, "CONTACT_FOUND").getFirst();
        UUID contact = UUID.fromString(found.at("/details/contactLeadId").asText());
        assertThat(found.at("/details/email").asText()).isEqualTo(email);

        JsonNode lead = awaitLead(contact, l -> openTask(l, "First contact") != null);
        assertThat(lead.get("type").asText()).isEqualTo("RESEARCH");
        assertThat(lead.get("companyLeadId").asText()).isEqualTo(company.toString());
        assertThat(lead.get("email").asText()).isEqualTo(email);
        assertThat(lead.get("company").asText()).isEqualTo("Visitel");
        assertThat(lead.get("timeZone").asText()).isEqualTo("America/Mexico_City");
        assertThat(lead.get("stage").asText()).isEqualTo("MQL");
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
        assertThat(timeline(contact, "RECEIVED").getFirst().at("/details/companyLeadId").asText()).isEqualTo(company.toString());
        assertThat(lead(company).get("stage").asText()).isEqualTo("LEAD");

        // A redelivered job brings the same contact again: the same lead, nothing recorded twice.
        assertThat(contacts.receive(company, new ContactLeads.Contact("Valeria", "Soto", email, "Directora de Marketing")))
                .isEqualTo(contact);
        assertThat(timeline(company, "CONTACT_FOUND")).hasSize(1);
        assertThat(timelineTypes(contact)).doesNotContain("MERGED", "FACTS_UPDATED");
        assertThatThrownBy(() -> contacts.receive(company, new ContactLeads.Contact("Val", null, "val@", "CEO")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("email"));
    }

    @Test
    void aTriggerEventAboutACompanyWithoutAPersonGetsAResearchTask() {
        String domain = "funded-" + UUID.randomUUID().toString().substring(0, 8) + ".com.mx";
        UUID id = postLead(Map.of("type", "TRIGGER_EVENT", "companyDomain", domain, "eventKind", "funding",
                "eventUrl", "https://news.example.com/" + domain, "country", "MX"));
        JsonNode lead = awaitLead(id, l -> openTask(l, "Research who to contact") != null);
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
        assertThat(lead.get("stage").asText()).isEqualTo("LEAD");
        assertThat(timelineTypes(id)).doesNotContain("QUALIFIED");
    }

    @Test
    void aNurturedLeadWhoseNewJobTitleMakesItADecisionMakerBecomesAnMql() {
        Map<String, Object> analyst = new HashMap<>(mqlLead("Marina"));
        analyst.put("jobTitle", "Marketing Analyst");
        UUID id = postLead(analyst);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from lead_process where lead_id = ? and ended_at is not null")
                .param(id).query(Long.class).single() == 1);
        assertThat(lead(id).get("stage").asText()).isEqualTo("LEAD");

        Map<String, Object> promoted = new HashMap<>(analyst);
        promoted.put("jobTitle", "CEO");
        assertThat(postLead(promoted)).isEqualTo(id);

        JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null);
        assertThat(lead.get("stage").asText()).isEqualTo("MQL");
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
        assertThat(lead.get("stages")).extracting(move -> move.get("stage").asText()).containsExactly("LEAD", "MQL");
        JsonNode updated = timeline(id, "FACTS_UPDATED").getFirst();
        assertThat(updated.at("/details/fields").toString()).isEqualTo("[\"jobTitle\"]");
        assertThat(updated.at("/details/identifiedAgain").asBoolean()).isTrue();
        assertThat(timeline(id, "PROCESS_STARTED")).extracting(e -> e.at("/details/run").asInt()).containsExactly(1, 2);

        // The same facts again are nothing new: nothing starts.
        assertThat(postLead(promoted)).isEqualTo(id);
        assertThat(timeline(id, "FACTS_UPDATED")).hasSize(1);
        assertThat(timeline(id, "PROCESS_STARTED")).hasSize(2);
    }

    @Test
    void theSamePersonAgainIsTheSameLeadWithMergedFactsAndNoSecondProcess() {
        Map<String, Object> first = new HashMap<>(mqlLead("Lucia"));
        UUID id = postLead(first);
        awaitTimeline(id, "QUALIFIED");

        Map<String, Object> again = new HashMap<>(first);
        again.put("email", "  " + first.get("email").toString().toUpperCase() + " ");
        again.put("lastName", "Fernández");
        again.put("phone", "+54 11 5123 4567");
        var response = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON).body(again)
                .retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().get("id").asText()).isEqualTo(id.toString());
        assertThat(lead(id).get("lastName").asText()).isEqualTo("Fernández");
        assertThat(lead(id).get("phone").asText()).as("a new phone fills the gap").isEqualTo("+541151234567");
        List<String> timeline = timelineTypes(id);
        assertThat(timeline).contains("MERGED");
        assertThat(timeline.stream().filter("PROCESS_STARTED"::equals)).hasSize(1);
        // An MQL is with sales: its new facts are recorded, its fit is not decided again.
        JsonNode updated = timeline(id, "FACTS_UPDATED").getFirst();
        assertThat(updated.at("/details/identifiedAgain").asBoolean()).isFalse();
        assertThat(updated.at("/details/because").asText()).isEqualTo("stage MQL");
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
