package io.leadflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lead's send job that fails on every try raises an incident the managers see with its cause; once the cause is
 * fixed, a manager's retry sends the mail once and the lead goes on, and a retry sent twice sends nothing more. The
 * cause is the real database refusing the mail's row (a trigger installed for this lead, dropped as the fix).
 */
class IncidentRetryIT extends LeadflowIntegrationTest {

    @Autowired
    JdbcTemplate database;
    @Value("${leadflow.security.metrics-token}")
    String metricsToken;

    @Test
    void aSendThatFailsThreeTimesIsAnIncidentAManagerRetriesOnceFixed() throws Exception {
        Map<String, Object> submitted = mqlLead("Renata");
        String email = (String) submitted.get("email");
        UUID lead = postLead(submitted);
        refuseSequenceMailTo(lead);
        complete(lead, "First contact", Map.of("outcome", "no-answer"));
        reachWorkingTime();

        JsonNode incident = await().atMost(PATIENCE).until(() -> incidentOf(lead), found -> found != null);
        assertThat(incident.get("bpmnProcessId").asText()).isEqualTo("lead-sequence");
        assertThat(incident.get("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
        assertThat(Long.parseLong(incident.get("jobKey").asText())).isPositive();
        assertThat(incident.get("elementName").asText()).isNotBlank();
        assertThat(incident.get("since").asText()).isNotBlank();
        // The cause in a line, not a stack trace.
        assertThat(incident.get("errorMessage").asText()).contains("the mail relay refuses this lead").doesNotContain("\tat ");
        String csv = api.get().uri("/api/reports/incidents").header(HttpHeaders.ACCEPT, "text/csv").retrieve().body(String.class);
        assertThat(csv).startsWith("incidentKey,leadId,process,element,elementName,errorType,errorMessage,since")
                .contains(incident.get("incidentKey").asText() + "," + lead);
        awaitTimeline(lead, "INCIDENT_RAISED");
        awaitOpenIncidentsGauge(1);
        assertThat(mailbox(email)).isEmpty();

        database.execute("drop trigger refuse_sequence_mail on outbound_mail");
        long key = Long.parseLong(incident.get("incidentKey").asText());
        assertRetriedOnce("/api/reports/incidents/{key}/retry", key);
        awaitMail(email, 1);
        awaitTimeline(lead, "EMAIL_SENT");
        await().atMost(PATIENCE).until(() -> incidentOf(lead) == null);
        awaitAtRest(lead);
        assertThat(mailbox(email)).hasSize(1);
        assertThat(timeline(lead, "INCIDENT_RAISED")).hasSize(1);
        assertThat(timeline(lead, "INCIDENT_RETRIED")).singleElement()
                .satisfies(entry -> assertThat(entry.toString()).contains("\"by\":\"api\"").contains(String.valueOf(key)));
        assertThat(retry(key).getStatusCode().value()).isEqualTo(409);
        awaitOpenIncidentsGauge(0);
    }

    private void awaitOpenIncidentsGauge(double open) {
        await().atMost(PATIENCE).until(() -> PrometheusScrape.parse(api.get().uri("/actuator/prometheus")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + metricsToken).retrieve().body(String.class))
                .sum("leadflow_incidents_open") == open);
    }

    /** The database refuses the lead's sequence mail, as a relay down for maintenance would its delivery. */
    private void refuseSequenceMailTo(UUID lead) {
        database.execute("""
                create or replace function refuse_sequence_mail() returns trigger language plpgsql as $$
                begin
                    if new.lead_id = '%s' and new.idempotency_key like 'sequence:%%' then
                        raise exception 'the mail relay refuses this lead''s mail (maintenance)';
                    end if;
                    return new;
                end $$""".formatted(lead));
        database.execute("create trigger refuse_sequence_mail before insert on outbound_mail "
                + "for each row execute function refuse_sequence_mail()");
    }

    private JsonNode incidentOf(UUID lead) {
        JsonNode report = api.get().uri("/api/reports/incidents").retrieve().body(JsonNode.class);
        return StreamSupport.stream(report.get("incidents").spliterator(), false)
                .filter(incident -> lead.toString().equals(incident.path("leadId").asText())).findFirst().orElse(null);
    }

    private ResponseEntity<JsonNode> retry(long incidentKey) {
        return api.post().uri("/api/reports/incidents/{key}/retry", incidentKey).retrieve().toEntity(JsonNode.class);
    }
}
