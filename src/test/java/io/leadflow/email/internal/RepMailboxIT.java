package io.leadflow.email.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import io.leadflow.FreePorts;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.MailProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies wherever they arrive: the rep's own mailbox (the embedded server's, as every rep has by default), leadflow's
 * inbox, or both; read once across a restart of the reader; a mailbox that cannot be read, and messages that cannot be
 * parsed, are logged, counted and passed over without stopping the others. The test reads the mailboxes itself (the
 * schedule is an hour), so what was read is known when it asserts.
 */
@TestPropertySource(properties = "leadflow.mail.inbox.poll-interval=PT1H")
// Captures the JVM's standard output, which test classes running beside it write to as well.
@ResourceLock(Resources.SYSTEM_OUT)
@ExtendWith(OutputCaptureExtension.class)
class RepMailboxIT extends LeadflowIntegrationTest {

    private static final String WRONG_PASSWORD = "not-bens-password-7f3a";

    @Autowired
    MailboxReader reader;
    @Autowired
    ConnectedMailboxes mailboxes;
    @Autowired
    InboundMessages messages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clockBean;
    @Autowired
    MailProperties settings;

    @Test
    void aReplyOnlyToTheRepEndsTheSequence() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Rosa");
        String rep = sender(lead.followUp());
        MimeMessage reply = reply(lead.email(), lead.followUp(), "Sí, hablemos el jueves.", Map.of());
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(rep));
        deliver(reply, rep);

        readAll();

        assertThat(timeline(lead.id(), "REPLIED")).hasSize(1);
        assertThat(mailbox(rep)).as("the rep's mailbox, untouched").anySatisfy(message ->
                assertThat(message.getFlags().contains(Flags.Flag.SEEN)).isFalse());
    }

    @Test
    void aFreshEmailFromTheLeadsAddressEndsTheSequence() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Lucia");
        String rep = sender(lead.followUp());
        MimeMessage fresh = new MimeMessage(smtpSession());
        fresh.setFrom(new InternetAddress(lead.email()));
        fresh.setRecipient(Message.RecipientType.TO, new InternetAddress(rep));
        fresh.setSubject("Una pregunta");
        fresh.setText("¿Podemos vernos la semana que viene?", "UTF-8");
        deliver(fresh, rep);

        readAll();

        assertThat(timeline(lead.id(), "REPLIED")).hasSize(1);
    }

    @Test
    void aReplyToTheRepAndToLeadflowCountsOnceAndARestartedReaderReadsNothingAgain() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Elena");
        String rep = sender(lead.followUp());
        replyAsALeadDoes(lead.email(), lead.followUp(), "Me interesa, llámame.");
        readAll();
        assertThat(timeline(lead.id(), "REPLIED")).hasSize(1);

        SimpleMeterRegistry restartedMeters = new SimpleMeterRegistry();
        MailboxReader restarted = new MailboxReader(messages, mailboxes, jdbc, clockBean, settings, restartedMeters);
        mailboxes.readable().forEach(restarted::read);
        assertThat(restartedMeters.find("leadflow.mail.inbox.messages").counters())
                .as("messages the restarted reader handled").allSatisfy(counter -> assertThat(counter.count()).isZero());

        // What kept it from reading them: without the UIDs read, it reads them again (and the Message-ID tells them once).
        jdbc.sql("delete from mailbox_folder_read where mailbox like ?").param("%/" + rep + "@%").update();
        mailboxes.readable().forEach(restarted::read);
        assertThat(restartedMeters.find("leadflow.mail.inbox.messages").tag("outcome", "already_told").counter().count()).isPositive();
        awaitAtRest(lead.id());
        assertThat(timeline(lead.id(), "REPLIED")).hasSize(1);
    }

    @Test
    void aMailboxFoundEmptyAtItsFirstReadReadsWhatArrivesNextWhateverItsDate() throws Exception {
        String empty = uniqueEmail("ben.new", "leadflow.local");
        mailServer.setUser(empty, empty, empty);
        assertThat(putMailbox("ben", mailboxJson(empty, smtpPort, imapPort, empty))).isEqualTo(200);
        readAll();
        LeadAfterMissedCall lead = leadAfterMissedCall("Carla");

        // Moved into the INBOX by the rep, or dated by a server whose clock is behind: older than the first read's window.
        MimeMessage fresh = new MimeMessage(smtpSession());
        fresh.setFrom(new InternetAddress(lead.email()));
        fresh.setRecipient(Message.RecipientType.TO, new InternetAddress(empty));
        fresh.setSubject("Sobre su correo");
        fresh.setText("Llámeme el lunes.", "UTF-8");
        store(empty, fresh, Date.from(clock.instant().minus(settings.mailboxes().firstSyncWindow()).minus(Duration.ofDays(1))));
        readAll();

        assertThat(timeline(lead.id(), "REPLIED")).hasSize(1);
        api.delete().uri("/api/reps/ben/mailbox").retrieve().toBodilessEntity();
    }

    @Test
    void aWrongPasswordAndAnUnreachableHostAreShownAndTheOtherMailboxesAreStillRead(CapturedOutput output) throws Exception {
        int closedPort = FreePorts.pick();
        assertThat(putMailbox("ben", mailboxJson("ben@leadflow.local", smtpPort, imapPort, WRONG_PASSWORD))).isEqualTo(200);
        LeadAfterMissedCall lead = leadAfterMissedCall("Ines");
        replyAsALeadDoes(lead.email(), lead.followUp(), "Hablemos.");

        readAll();

        JsonNode ben = api.get().uri("/api/reps/ben/mailbox").retrieve().body(JsonNode.class);
        assertThat(ben.get("failure").asText()).startsWith("login refused");
        assertThat(ben.toString()).doesNotContain(WRONG_PASSWORD);
        assertThat(ben.has("password")).isFalse();
        assertThat(timeline(lead.id(), "REPLIED")).as("the other mailboxes read in the same pass").hasSize(1);

        assertThat(putMailbox("ben", mailboxJson("ben@leadflow.local", smtpPort, closedPort, WRONG_PASSWORD))).isEqualTo(200);
        readAll();
        assertThat(api.get().uri("/api/reps/ben/mailbox").retrieve().body(JsonNode.class).get("failure").asText())
                .startsWith("host unreachable");
        JsonNode test = api.post().uri("/api/reps/ben/mailbox/test").retrieve().body(JsonNode.class);
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.at("/imap/reason").asText()).isEqualTo("host unreachable");
        String failing = mailboxes.health().getDetails().get("failing").toString();
        assertThat(failing).contains("ben", "host unreachable");
        assertThat(failing).as("the earlier settings' failure forgotten").doesNotContain("login refused");
        assertThat(output.getAll()).doesNotContain(WRONG_PASSWORD);

        api.delete().uri("/api/reps/ben/mailbox").retrieve().toBodilessEntity();
        assertThat((Map<String, ?>) mailboxes.health().getDetails().get("failing")).doesNotContainKey("ben");
    }

    @Test
    void aFiftyMegabyteReplyAndMalformedMessagesArePassedOverOrReadByTheirHeadersAndNothingAfterThemIsLost() throws Exception {
        LeadAfterMissedCall big = leadAfterMissedCall("Marta");
        LeadAfterMissedCall after = leadAfterMissedCall("Pilar");
        String rep = sender(big.followUp());
        store(rep, fiftyMegabyteReply(big.email(), big.followUp()));
        store(rep, raw("""
                From: <<<not an address
                To: %s
                Subject: =?x-unknown?Q?=FF=FE?= \u00ff\u00fe
                Message-ID: <broken-%s@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-closed"

                --never-closed
                Content-Type: text/plain; charset=x-no-such-charset
                Content-Transfer-Encoding: base64

                %%%%not base64%%%%
                """.formatted(rep, UUID.randomUUID())));
        store(rep, raw("""
                From: %s
                To: %s
                Subject: Re: su correo
                In-Reply-To: %s
                Content-Type: text/plain; charset=x-no-such-charset

                Gracias, hablemos.
                """.formatted(after.email(), rep, after.followUp().getHeader("Message-ID")[0])));

        readAll();

        assertThat(timeline(big.id(), "REPLIED")).as("the 50 MB reply, told from its headers").hasSize(1);
        assertThat(timeline(after.id(), "REPLIED")).as("a reply in an unknown charset, after the broken one").hasSize(1);
    }

    private void readAll() {
        mailboxes.readable().forEach(reader::read);
    }

    private int putMailbox(String rep, String json) {
        return api.put().uri("/api/reps/{rep}/mailbox", rep).contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toBodilessEntity().getStatusCode().value();
    }

    private static String mailboxJson(String address, int smtp, int imap, String password) {
        return """
                {"address": "%s", "smtpHost": "127.0.0.1", "smtpPort": %d, "smtpTls": "NONE",
                 "imapHost": "127.0.0.1", "imapPort": %d, "imapTls": "NONE", "password": "%s"}
                """.formatted(address, smtp, imap, password);
    }

    private static String sender(Message mail) throws MessagingException {
        return ((InternetAddress) mail.getFrom()[0]).getAddress();
    }

    /** Sends a mail to these recipients only, through the embedded SMTP server. */
    private void deliver(MimeMessage message, String... recipients) throws MessagingException {
        Address[] to = new Address[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            to[i] = new InternetAddress(recipients[i]);
        }
        message.saveChanges();
        try (Transport transport = smtpSession().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, to);
        }
    }

    /** Puts a message straight into the mailbox, as its server would after delivering it. */
    private void store(String address, MimeMessage message) throws Exception {
        store(address, message, new Date());
    }

    private void store(String address, MimeMessage message, Date received) throws Exception {
        GreenMailUser user = mailServer.getUserManager().getUserByEmail(address);
        if (user == null) {
            user = mailServer.setUser(address, address, address);
        }
        MailFolder inbox = mailServer.getManagers().getImapHostManager().getInbox(user);
        inbox.appendMessage(message, new Flags(), received);
    }

    private static MimeMessage raw(String text) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    private MimeMessage fiftyMegabyteReply(String from, Message original) throws MessagingException {
        MimeMessage reply = reply(from, original, "", Map.of());
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Te envío la presentación.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[50 * 1024 * 1024], "application/octet-stream")));
        attachment.setFileName("presentacion.bin");
        reply.setContent(new MimeMultipart(text, attachment));
        reply.saveChanges();
        return reply;
    }
}
