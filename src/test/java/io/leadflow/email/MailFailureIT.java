package io.leadflow.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail the server refuses for good: FAILED once with the server's answer, listed for managers, on the lead's
 * timeline, counted; a manager's retry once the cause is fixed sends it exactly once, a second retry is a 409. A mail
 * only deferred (4xx) is tried again, and given up once it has been failing for a day.
 */
class MailFailureIT extends LeadflowIntegrationTest {

    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    MailOutbox outbox;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRefusedMailIsFailedOnceListedAndSentExactlyOnceAfterTheRetry() throws Exception {
        Map<String, Object> submitted = mqlLead("Rosa");
        UUID lead = postLead(submitted);
        String key = "mail-failure-test:" + UUID.randomUUID();
        String recipient = "nobody." + UUID.randomUUID().toString().substring(0, 8) + "@andesnet.co";

        sendingThrough(recipient, "550 5.1.1 <" + recipient + ">: no such user", () -> {
            outbox.enqueue(new OutgoingMail(key, lead, recipient, "Rosa, una pregunta", "Texto", null, Map.of()));
            await().atMost(PATIENCE).until(() -> "FAILED".equals(status(key)));
        });

        assertThat(attempts(key)).isEqualTo(1);
        assertThat(timeline(lead, "EMAIL_FAILED")).singleElement().satisfies(entry -> assertThat(entry.toString())
                .contains(key).contains("550 5.1.1").contains("\"permanent\":true"));
        JsonNode listed = failedMail(key);
        assertThat(listed.get("leadId").asText()).isEqualTo(lead.toString());
        assertThat(listed.get("recipient").asText()).isEqualTo(recipient);
        assertThat(listed.get("subject").asText()).isEqualTo("Rosa, una pregunta");
        assertThat(listed.get("error").asText()).contains("550 5.1.1").doesNotContain("\n").doesNotContain("at org.");
        assertThat(listed.hasNonNull("failedAt")).isTrue();
        assertThat(api.get().uri("/api/reports/mail-failures").header(HttpHeaders.ACCEPT, "text/csv").retrieve().body(String.class))
                .startsWith("idempotencyKey,leadId,recipient,subject,error,failedAt,attempts").contains(key + "," + lead + "," + recipient);
        assertThat(meters.get("leadflow.mail.undeliverable").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat((Long) outbox.health().getDetails().get("failed")).isGreaterThanOrEqualTo(1);
        assertThat(mailbox(recipient)).isEmpty();

        // The fix: leadflow's own server takes the address. The retry puts the mail back, to go now.
        assertRetriedOnce("/api/reports/mail-failures/{key}/retry", key);
        await().atMost(PATIENCE).until(() -> "SENT".equals(status(key)));
        assertThat(mailbox(recipient)).hasSize(1);
        assertThat(attempts(key)).isEqualTo(2);
        assertThat(failedMail(key)).isNull();
        assertThat(timeline(lead, "EMAIL_RETRIED")).singleElement()
                .satisfies(entry -> assertThat(entry.toString()).contains("\"by\":\"api\"").contains(key));
        assertThat(timeline(lead, "EMAIL_FAILED")).hasSize(1);
        assertThat(retry(key).getStatusCode().value()).isEqualTo(409);
        assertThat(retry("mail-failure-test:" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
    }

    /** A 4xx is tried again, until the mail has been failing for leadflow.mail.retry.give-up-after (24 h). */
    @Test
    void aMailDeferredForADayIsGivenUpAtItsNextFailure() throws Exception {
        Map<String, Object> submitted = mqlLead("Ivan");
        UUID lead = postLead(submitted);
        String key = "mail-failure-test:" + UUID.randomUUID();
        String recipient = "greylisted." + UUID.randomUUID().toString().substring(0, 8) + "@andesnet.co";

        sendingThrough(recipient, "451 4.7.1 greylisted, try again later", () -> {
            outbox.enqueue(new OutgoingMail(key, lead, recipient, "Ivan, una pregunta", "Texto", null, Map.of()));
            await().atMost(PATIENCE).until(() -> attempts(key) >= 1);
            assertThat(status(key)).isEqualTo("PENDING");
            assertThat(timeline(lead, "EMAIL_FAILED")).isEmpty();

            // The mail has been failing for a day: due again now, it fails once more and is given up.
            jdbc.sql("update outbound_mail set failing_since = failing_since - interval '25 hours', next_attempt_at = ? "
                    + "where idempotency_key = ?").params(Timestamp.from(clock.instant()), key).update();
            await().atMost(PATIENCE).until(() -> "FAILED".equals(status(key)));
        });

        assertThat(attempts(key)).isGreaterThanOrEqualTo(2);
        assertThat(timeline(lead, "EMAIL_FAILED")).singleElement().satisfies(entry -> assertThat(entry.toString())
                .contains("451 4.7.1 greylisted").contains("\"permanent\":false"));
        assertThat(failedMail(key).get("error").asText()).contains("451 4.7.1 greylisted");
    }

    /**
     * Runs the work with leadflow's SMTP server swapped for one that gives the recipient this reply. The dispatcher
     * is stopped for each swap, so no drain still holds a connection to the other server (each drain connects afresh).
     */
    private void sendingThrough(String recipient, String reply, Runnable work) throws Exception {
        try (RefusingSmtpServer refusing = new RefusingSmtpServer(recipient, reply)) {
            swapServer(refusing.port());
            work.run();
        } finally {
            swapServer(smtpPort);
        }
    }

    private void swapServer(int port) {
        dispatcher.queue().stop();
        mailSender.setPort(port);
        dispatcher.queue().start();
    }

    private int attempts(String key) {
        return jdbc.sql("select attempts from outbound_mail where idempotency_key = ?").param(key).query(Integer.class).single();
    }

    private JsonNode failedMail(String key) {
        JsonNode report = api.get().uri("/api/reports/mail-failures").retrieve().body(JsonNode.class);
        return StreamSupport.stream(report.get("mails").spliterator(), false)
                .filter(mail -> key.equals(mail.path("idempotencyKey").asText())).findFirst().orElse(null);
    }

    private ResponseEntity<JsonNode> retry(String key) {
        return api.post().uri("/api/reports/mail-failures/{key}/retry", key).retrieve().toEntity(JsonNode.class);
    }

    private String status(String key) {
        return jdbc.sql("select status from outbound_mail where idempotency_key = ?").param(key).query(String.class).single();
    }
}
