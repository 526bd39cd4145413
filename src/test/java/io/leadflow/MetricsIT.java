package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scripted run on the real engine, its clock moved, read back from {@code /actuator/prometheus} as Prometheus reads
 * it: leads in per type and source, stage moves and time in stage, the first-attempt SLA met and breached, the leads'
 * answers per step and template, mail and task load. Counters are compared before and after the script.
 */
class MetricsIT extends LeadflowIntegrationTest {

    static final Path DASHBOARD = Path.of("src/main/docker/grafana/dashboards/leadflow.json");
    /** The engine's live-instance gauges, recorded by the process view. */
    static final Set<String> PROCESS_METRICS = Set.of("leadflow_process_instances_waiting", "leadflow_process_incidents");

    @Value("${leadflow.security.metrics-token}")
    String metricsToken;

    @Test
    void aScriptedRunGivesTheExpectedNumbers() throws Exception {
        String source = "metrics-it-" + UUID.randomUUID().toString().substring(0, 8);
        PrometheusScrape before = scrape();

        // Answers a missed first call's follow-up email: replied after step 1.
        Map<String, Object> replying = lead("Aurora", source);
        UUID replied = postLead(replying);
        complete(replied, "First contact", Map.of("outcome", "no-answer"));
        reachWorkingTime();
        Message followUp = awaitMail((String) replying.get("email"), 1).getFirst();
        replyAsALeadDoes((String) replying.get("email"), followUp, "Sí, me interesa, hablemos.");
        // Books a meeting on the first call.
        UUID meeting = postLead(lead("Bruno", source));
        complete(meeting, "First contact", Map.of("outcome", "meeting-booked"));
        // Unsubscribes before any attempt is made.
        UUID unsubscribed = postLead(lead("Celia", source));
        awaitLead(unsubscribed, l -> openTask(l, "First contact") != null);
        api.post().uri("/api/leads/{id}/unsubscribe", unsubscribed).retrieve().toBodilessEntity();
        // A referral, and a lead whose first call is not made within the SLA.
        postLead(Map.of("type", "REFERRAL", "email", uniqueEmail("dario", "pampatel.com.ar"), "referredBy", "Lucía Fernández",
                "country", "AR", "source", source));
        UUID breached = postLead(lead("Elena", source));
        for (UUID ended : new UUID[] {replied, meeting, unsubscribed}) {
            awaitTimeline(ended, "SEQUENCE_ENDED");
        }
        JsonNode firstContact = openTask(awaitLead(breached, l -> openTask(l, "First contact") != null), "First contact");
        engineClock.advance(Duration.between(clock.instant(), OffsetDateTime.parse(firstContact.get("due").asText()).toInstant())
                .plusMinutes(1));
        awaitLead(breached, l -> openTask(l, "SLA breach") != null);

        PrometheusScrape after = await().atMost(PATIENCE).until(this::scrape, s -> s.sum("leadflow_tasks_overdue") > 0);
        Delta delta = new Delta(before, after);

        assertThat(delta.of("leadflow_leads_received_total", Map.of("type", "FORM_FILL", "source", source))).isEqualTo(4);
        assertThat(delta.of("leadflow_leads_received_total", Map.of("type", "REFERRAL", "source", source))).isEqualTo(1);
        long mqls = handedToSales(replied, meeting, unsubscribed, breached);
        assertThat(mqls).isEqualTo(4);
        assertThat(delta.of("leadflow_stage_transitions_total", Map.of("from", "LEAD", "to", "MQL"))).isGreaterThanOrEqualTo(mqls);
        assertThat(delta.of("leadflow_stage_duration_seconds_count", Map.of("stage", "LEAD"))).isGreaterThanOrEqualTo(mqls);
        assertThat(delta.of("leadflow_stage_working_duration_seconds_count", Map.of("stage", "LEAD"))).isGreaterThanOrEqualTo(mqls);
        // Working time never exceeds clock time (the sums are floating point: equal times may differ in the last digit).
        assertThat(delta.of("leadflow_stage_working_duration_seconds_sum", Map.of("stage", "LEAD")))
                .isLessThanOrEqualTo(delta.of("leadflow_stage_duration_seconds_sum", Map.of("stage", "LEAD")) + 1e-6);

        assertThat(delta.of("leadflow_sla_first_attempt_total", Map.of("outcome", "met"))).isEqualTo(2);
        assertThat(delta.of("leadflow_sla_first_attempt_total", Map.of("outcome", "breached"))).isEqualTo(1);
        double met = after.sum("leadflow_sla_first_attempt_total", Map.of("outcome", "met"));
        assertThat(after.sum("leadflow_sla_first_attempt_compliance"))
                .isCloseTo(met / (met + after.sum("leadflow_sla_first_attempt_total", Map.of("outcome", "breached"))),
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(delta.of("leadflow_sla_breaches_total", Map.of("breach", "first_attempt"))).isEqualTo(1);

        String template = lastTemplate(replied);
        String outcomes = after.series().stream().filter(s -> s.name().equals("leadflow_sequence_outcomes_total")).toList().toString();
        assertThat(delta.of("leadflow_sequence_outcomes_total", Map.of("outcome", "replied", "step", "1", "template", template))).as(outcomes).isEqualTo(1);
        assertThat(delta.of("leadflow_sequence_outcomes_total", Map.of("outcome", "meeting", "step", "1", "template", "none"))).as(outcomes).isEqualTo(1);
        assertThat(delta.of("leadflow_sequence_outcomes_total", Map.of("outcome", "unsubscribed", "step", "0", "template", "none"))).as(outcomes).isEqualTo(1);
        assertThat(delta.of("leadflow_sequence_outcomes_total", Map.of("outcome", "bounced"))).isZero();
        assertThat(delta.of("leadflow_sequence_emails_total", Map.of("step", "1", "template", template))).isGreaterThanOrEqualTo(1);
        assertThat(delta.of("leadflow_sequence_attempts_count", Map.of())).isGreaterThanOrEqualTo(3);

        assertThat(delta.of("leadflow_mail_sent_total", Map.of("kind", "sequence"))).isGreaterThanOrEqualTo(1);
        assertThat(delta.of("leadflow_mail_sent_total", Map.of("kind", "rep-notification"))).isGreaterThanOrEqualTo(4);
        String rep = lead(breached).get("owner").asText();
        assertThat(after.sum("leadflow_tasks_overdue", Map.of("rep", rep))).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("leadflow_tasks_open", Map.of("rep", rep)))
                .isGreaterThanOrEqualTo(after.sum("leadflow_tasks_overdue", Map.of("rep", rep)));
        assertThat(delta.of("leadflow_lead_events_total", Map.of("type", "REPLIED"))).isEqualTo(1);
        assertThat(after.series()).allSatisfy(s -> assertThat(s.labels().values())
                .noneMatch(value -> value.contains("@") || value.matches("[0-9a-f]{8}-[0-9a-f]{4}-.*")));

        assertDashboardNamesOnlyExportedMetrics(after);
    }

    /** Every query of the Grafana dashboard names metrics leadflow exports (the process view's gauges included). */
    private static void assertDashboardNamesOnlyExportedMetrics(PrometheusScrape scrape) throws IOException {
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> exported = new TreeSet<>(scrape.names());
        exported.addAll(PROCESS_METRICS);
        Set<String> named = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Set<String> names = metricNames(expr.asText());
            assertThat(names).as("metrics of %s", expr.asText()).isNotEmpty();
            named.addAll(names);
        }
        assertThat(named).isNotEmpty();
        assertThat(exported).containsAll(named);
    }

    /** The leadflow metric names in a PromQL expression (label values in quotes aside). */
    static Set<String> metricNames(String promQl) {
        Set<String> names = new TreeSet<>();
        Matcher name = Pattern.compile("\\bleadflow_[a-zA-Z0-9_]+").matcher(promQl.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    private Map<String, Object> lead(String firstName, String source) {
        Map<String, Object> lead = new HashMap<>(mqlLead(firstName));
        lead.put("source", source);
        return lead;
    }

    private long handedToSales(UUID... ids) {
        return java.util.Arrays.stream(ids).map(id -> lead(id).get("stage").asText()).filter(stage -> !"LEAD".equals(stage)).count();
    }

    private String lastTemplate(UUID id) {
        String template = "none";
        for (JsonNode entry : api.get().uri("/api/leads/{id}/timeline", id).retrieve().body(JsonNode.class)) {
            if (entry.get("type").asText().equals("EMAIL_SENT")) {
                template = entry.at("/details/template").asText();
            }
        }
        return template;
    }

    private PrometheusScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + metricsToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(scraped.body());
    }

    private record Delta(PrometheusScrape before, PrometheusScrape after) {
        double of(String name, Map<String, String> labels) {
            return after.sum(name, labels) - before.sum(name, labels);
        }
    }
}
