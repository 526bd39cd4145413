package io.leadflow.email;

import io.leadflow.email.MailProperties.SendAs;
import io.leadflow.platform.WorkQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The headers of a mail as its recipient's client reads them, parsed back from the raw message. */
class MailDispatcherTest {

    private static final String INJECTION = "=?UTF-8?Q?=0D=0ABcc:_x@evil?=";
    private static final Mailbox REP = new Mailbox("Ana Torres", "ana@leadflow.local");

    @Test
    void encodedWordSyntaxInANameOrSubjectShowsAsTypedAndAddsNoHeader() throws Exception {
        Mailbox lead = new Mailbox(INJECTION + " Paz", "rosa@andesnet.co");
        Mailbox rep = new Mailbox("Ana =?UTF-8?Q?=0AReply-To:_x@evil?= Torres", "ana@leadflow.local");
        MimeMessage mail = sent(SendAs.REP, lead, rep, INJECTION + ", a guide for Telcomex");

        assertThat(headerNames(mail)).containsExactlyInAnyOrder("From", "Reply-To", "To", "Subject", "Message-ID",
                "MIME-Version", "Content-Type", "Date");
        for (Header header : Collections.list(mail.getAllHeaders())) {
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(header.getValue()))).as(header.getName())
                    .doesNotContain("\r", "\n");
        }
        assertThat(mail.getSubject()).isEqualTo(INJECTION + ", a guide for Telcomex");
        assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo(INJECTION + " Paz");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo(rep.name());
    }

    @Test
    void longEncodedTextIsSplitIntoWordsOfAtMost75Characters() {
        String name = INJECTION + " María Fernanda de los Ángeles Gutiérrez Villanueva";
        String header = MailDispatcher.headerText(name);
        assertThat(header.split(" ")).allSatisfy(word -> assertThat(word).hasSizeLessThanOrEqualTo(75).startsWith("=?UTF-8?B?"));
        assertThat(MailDispatcher.headerText("Ana Paz")).isEqualTo("Ana Paz");
    }

    @Test
    void aSequenceEmailIsFromTheRepAndRepliesReachTheRepAndLeadflowsInbox() throws Exception {
        MimeMessage mail = sent(SendAs.REP, new Mailbox("Rosa Paz", "rosa@andesnet.co"), REP, "Hola");

        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("Ana Torres <ana@leadflow.local>");
        assertThat(mail.getReplyTo()).extracting(Object::toString)
                .containsExactly("Ana Torres <ana@leadflow.local>", "leadflow <leadflow@leadflow.local>");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("Rosa Paz <rosa@andesnet.co>");
    }

    @Test
    void sentAsLeadflowItCarriesLeadflowsAddressUnderTheRepsName() throws Exception {
        MimeMessage mail = sent(SendAs.LEADFLOW, Mailbox.of("rosa@andesnet.co"), REP, "Hola");

        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("Ana Torres <leadflow@leadflow.local>");
        assertThat(mail.getReplyTo()).extracting(Object::toString)
                .containsExactly("Ana Torres <ana@leadflow.local>", "leadflow <leadflow@leadflow.local>");
    }

    @Test
    void leadflowsOwnMailsAreFromLeadflowAndEveryBounceGoesToItsInbox() throws Exception {
        MailDispatcher dispatcher = dispatcher(SendAs.REP);
        MimeMessage mail = dispatcher.toMime(pending(Mailbox.of("ana@leadflow.local"), null, "New lead"));

        assertThat(((SMTPMessage) mail).getEnvelopeFrom()).isEqualTo("leadflow@leadflow.local");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("leadflow <leadflow@leadflow.local>");
        assertThat(mail.getHeader("Reply-To")).isNull();
    }

    private static MimeMessage sent(SendAs sendAs, Mailbox recipient, Mailbox sender, String subject) throws Exception {
        MimeMessage built = dispatcher(sendAs).toMime(pending(recipient, sender, subject));
        built.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        built.writeTo(raw);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    }

    private static MailOutbox.PendingMail pending(Mailbox recipient, Mailbox sender, String subject) {
        return new MailOutbox.PendingMail("key", UUID.randomUUID(), recipient, sender, subject, "Texto", "<p>Texto</p>",
                "<" + UUID.randomUUID() + "@leadflow.local>", Map.of(), 0);
    }

    private static MailDispatcher dispatcher(SendAs sendAs) throws Exception {
        MailProperties settings = new MailProperties("leadflow <leadflow@leadflow.local>", sendAs, "leadflow.local",
                Duration.ofSeconds(1), new MailProperties.Retry(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofDays(1)),
                new MailProperties.Embedded(false),
                new MailProperties.Inbox(true, "leadflow@leadflow.local", "leadflow", "127.0.0.1", 3143, Duration.ofSeconds(1)),
                new MailProperties.Limits(200, 50, null),
                new MailProperties.Mailboxes(null, Duration.ofDays(14), DataSize.ofMegabytes(10), 500, Duration.ofSeconds(10)));
        return new MailDispatcher(mock(MailOutbox.class), new SmtpConnection(new JavaMailSenderImpl(), settings), null,
                new WorkQueues(Clock.systemUTC(), new TransactionTemplate(), new SimpleMeterRegistry()), settings, new SimpleMeterRegistry());
    }

    private static List<String> headerNames(MimeMessage mail) throws Exception {
        List<String> names = new ArrayList<>();
        Collections.list(mail.getAllHeaders()).forEach(header -> names.add(header.getName()));
        return names;
    }
}
