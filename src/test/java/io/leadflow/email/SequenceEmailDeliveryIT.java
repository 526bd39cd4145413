package io.leadflow.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.sequence.SendSequenceEmailWorker;
import io.leadflow.process.SequenceProcess;
import io.leadflow.tasklist.RepTaskService;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An attempt's email goes out exactly once: through job redelivery, and through an SMTP outage. */
class SequenceEmailDeliveryIT extends LeadflowIntegrationTest {

    @Autowired
    SendSequenceEmailWorker worker;
    @Autowired
    MailOutbox outbox;
    @Autowired
    RepTaskService tasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameJobDeliveredTwiceSendsOneEmail() {
        Map<String, Object> submitted = mqlLead("Ines");
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);
        awaitLead(id, l -> openTask(l, "First contact") != null);

        // Zeebe delivers at least once: the same job (lead, attempt 2) twice, as after a crash before completing it.
        var job = new SequenceProcess.Variables(id.toString(), "FORM_FILL", "ana", null, null, null,
                new SequenceProcess.Attempt(2, "EMAIL", null, null, null, null, false), null, null, false, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        worker.sendSequenceEmail(job);
        worker.sendSequenceEmail(job);

        awaitMail(email, 1);
        awaitDispatcherPass();
        assertThat(mailbox(email)).hasSize(1);
        assertThat(timelineTypes(id).stream().filter("EMAIL_SENT"::equals)).hasSize(1);
    }

    @Test
    void mailThatCannotBeSentWhileTheServerIsDownGoesOutOnceItIsBack() throws Exception {
        String recipient = uniqueEmail("outage", "andesnet.co");
        mailServer.stop();
        try {
            outbox.enqueue(new OutgoingMail("outage-test:" + recipient, null, recipient, "Hola", "Texto", null, Map.of()));
            await().atMost(PATIENCE).until(() -> attempts(recipient) >= 2);
            assertThat(status(recipient)).isEqualTo("PENDING");
        } finally {
            mailServer.start();
        }
        await().atMost(PATIENCE).until(() -> "SENT".equals(status(recipient)));
        Message received = awaitMail(recipient, 1).getFirst();
        assertThat(received.getSubject()).isEqualTo("Hola");
        awaitDispatcherPass();
        assertThat(mailbox(recipient)).hasSize(1);
    }

    /**
     * A name carrying HTML, and one carrying an RFC 2047 encoded word that a mail client would decode into a line
     * break and a Bcc header: the raw message as sent has no extra header and shows both names as typed.
     */
    @Test
    void whatALeadTypedIsHarmlessInTheHeadersAndTheHtmlPart() throws Exception {
        String encodedWord = "=?UTF-8?Q?=0D=0ABcc:_x@evil?=";
        Map<String, Object> submitted = new HashMap<>(mqlLead("Ivan"));
        submitted.put("firstName", "<b>Ivan</b> " + encodedWord);
        submitted.put("lastName", encodedWord);
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);
        complete(id, Map.of("outcome", "no-answer"));
        // The clocks may be on a weekend or at night: the follow-up waits for the lead's working time.
        reachWorkingTime();

        MimeMessage mail = raw(awaitMail(email, 1).getFirst());
        for (Header header : Collections.list(mail.getAllHeaders())) {
            assertThat(header.getName()).isNotIn("Bcc", "Cc");
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(header.getValue()))).as(header.getName()).doesNotContain("\r", "\n");
        }
        assertThat(mail.getSubject()).contains("<b>Ivan</b> " + encodedWord);
        assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("<b>Ivan</b> " + encodedWord + " " + encodedWord);
        String html = part(mail, "text/html");
        assertThat(html).contains("&lt;b&gt;Ivan&lt;/b&gt;").doesNotContain("<b>Ivan</b>")
                .containsPattern("<a href=\"[^\"]*/unsubscribe/" + id + "/");
        assertThat(part(mail, "text/plain")).contains("<b>Ivan</b>");
    }

    /** The message exactly as the mail server stored it, parsed again as a recipient's mail client would. */
    private static MimeMessage raw(Message received) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        received.writeTo(bytes);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
    }

    private void complete(UUID id, Map<String, Object> values) {
        JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null);
        tasks.complete(openTask(lead, "First contact").get("id").asLong(), "ana", false, values);
    }

    /** A mail queued now has gone out: the dispatcher has had a turn since the ones before it went out. */
    private void awaitDispatcherPass() {
        String later = uniqueEmail("later", "andesnet.co");
        outbox.enqueue(new OutgoingMail("dispatcher-pass:" + later, null, later, "Later", "Texto", null, Map.of()));
        awaitMail(later, 1);
    }

    private int attempts(String recipient) {
        return jdbc.sql("select attempts from outbound_mail where recipient = ?").param(recipient).query(Integer.class).single();
    }

    private String status(String recipient) {
        return jdbc.sql("select status from outbound_mail where recipient = ?").param(recipient).query(String.class).single();
    }
}
