package io.leadflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.tasklist.TaskNotOpenException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reps reject three MQLs at first contact, from two sources and for two reasons: each lead leaves sales with its reason on
 * its history, and the rejections report counts them by reason, source, lead type and the fit rule that made them MQLs.
 */
class RejectionsIT extends LeadflowIntegrationTest {

    @Test
    void rejectedLeadsLeaveSalesWithTheirReasonAndTheReportCountsThem() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ebook = "ebook-" + suffix;
        String webinar = "webinar-" + suffix;
        UUID student = postLead(lead("Sofia", ebook));
        UUID movedAbroad = postLead(lead("Tomas", ebook));
        UUID secondStudent = postLead(lead("Ursula", webinar));
        for (UUID id : List.of(student, movedAbroad, secondStudent)) {
            awaitLead(id, l -> openTask(l, "First contact") != null);
        }
        long studentsTask = openTask(lead(student), "First contact").get("id").asLong();

        complete(student, "First contact", Map.of("outcome", "rejected", "rejectionReason", "student"));
        complete(movedAbroad, "First contact", Map.of("outcome", "rejected", "rejectionReason", "other",
                "rejectionOther", "Moved to another company"));
        complete(secondStudent, "First contact", Map.of("outcome", "rejected", "rejectionReason", "student"));
        JsonNode disqualified = awaitLead(student, l -> "DISQUALIFIED".equals(l.get("stage").asText()));
        JsonNode nurtured = awaitLead(movedAbroad, l -> l.get("stages").size() == 3);
        awaitLead(secondStudent, l -> "DISQUALIFIED".equals(l.get("stage").asText()));
        awaitAtRest(student, movedAbroad, secondStudent);

        assertThat(disqualified.at("/stages/2/reason").asText()).isEqualTo("rejected at hand-off by ana: Student");
        assertThat(nurtured.at("/stages/2/stage").asText()).isEqualTo("LEAD");
        assertThat(nurtured.at("/stages/2/reason").asText()).isEqualTo("rejected at hand-off by ana: Other: Moved to another company");
        JsonNode rejected = timeline(student, "REJECTED").getFirst();
        assertThat(List.of(rejected.at("/details/reason").asText(), rejected.at("/details/label").asText(),
                rejected.at("/details/by").asText(), rejected.at("/details/stage").asText())).containsExactly("student", "Student", "ana", "DISQUALIFIED");
        assertThat(rejected.at("/details/fitRule").asText()).startsWith("lead-fit v")
                .endsWith(", rule Rule_LeadFit_Mql (A decision maker with a fit score of 70 or more is marketing qualified)");
        assertThat(timeline(student, "SEQUENCE_ENDED").getFirst().at("/details/reason").asText()).isEqualTo("REJECTED");
        assertThat(lead(student).get("openTasks")).isEmpty();
        assertThatThrownBy(() -> tasks.complete(studentsTask, "ana", false, Map.of("outcome", "rejected", "rejectionReason", "student")))
                .as("a rejection on a task no longer open").isInstanceOf(TaskNotOpenException.class);

        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String period = "from=" + today + "&to=" + today.plusDays(1);
        JsonNode report = api.get().uri("/api/reports/rejections?" + period).accept(MediaType.APPLICATION_JSON).retrieve()
                .body(JsonNode.class);
        int version = disqualified.at("/stages/1/decision/version").asInt();
        assertThat(report.get("total").asLong()).isEqualTo(3);
        assertThat(report.get("byReason").toString()).isEqualTo(
                "[{\"key\":\"student\",\"label\":\"Student\",\"rejections\":2},{\"key\":\"other\",\"label\":\"Other\",\"rejections\":1}]");
        assertThat(report.get("bySource").toString()).isEqualTo("[{\"key\":\"" + ebook + "\",\"label\":\"" + ebook + "\",\"rejections\":2},"
                + "{\"key\":\"" + webinar + "\",\"label\":\"" + webinar + "\",\"rejections\":1}]");
        assertThat(report.get("byLeadType").toString()).isEqualTo("[{\"key\":\"FORM_FILL\",\"label\":\"FORM_FILL\",\"rejections\":3}]");
        assertThat(report.get("byFitRule")).hasSize(1);
        JsonNode rule = report.at("/byFitRule/0");
        assertThat(List.of(rule.get("decisionId").asText(), rule.get("version").asInt(), rule.get("ruleId").asText(),
                rule.get("annotation").asText(), rule.get("rejections").asLong())).containsExactly("lead-fit", version, "Rule_LeadFit_Mql",
                "A decision maker with a fit score of 70 or more is marketing qualified", 3L);
        assertThat(api.get().uri("/api/reports/rejections?" + period).header(HttpHeaders.ACCEPT, "text/csv").retrieve().body(String.class))
                .startsWith("dimension,key,label,rejections\r\nreason,student,Student,2\r\nreason,other,Other,1\r\n")
                .endsWith("total,,,3\r\n");
        // One source's leads: the webinar's one rejection, a student.
        JsonNode webinars = api.get().uri("/api/reports/rejections?" + period + "&source=" + webinar).accept(MediaType.APPLICATION_JSON)
                .retrieve().body(JsonNode.class);
        assertThat(webinars.get("total").asLong()).isEqualTo(1);
        assertThat(webinars.at("/byReason/0/key").asText()).isEqualTo("student");
    }

    private Map<String, Object> lead(String firstName, String source) {
        Map<String, Object> lead = new HashMap<>(mqlLead(firstName));
        lead.put("source", source);
        return lead;
    }
}
