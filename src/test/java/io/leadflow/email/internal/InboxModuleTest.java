package io.leadflow.email.internal;

import io.leadflow.email.EmailModuleOnItsOwn;
import io.leadflow.email.InboundMail;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.ReplyIntent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

/**
 * The email module with its inbox on, without PostgreSQL or a mail server (the outbox, the mailboxes and the record of
 * the mails read mocked): a reply read in a mailbox is told to the lead's features with what it means.
 */
@EmailModuleOnItsOwn
@TestPropertySource(properties = "leadflow.mail.inbox.enabled=true")
class InboxModuleTest {

    private static final UUID LEAD = UUID.fromString("2f8a6c14-9d3b-4e71-a5c0-7b1e4d9a3f86");

    /** The mails read: the first time a Message-ID is seen, its row is inserted. */
    @MockitoBean(answers = Answers.RETURNS_DEEP_STUBS)
    JdbcClient jdbc;
    @MockitoBean
    MailOutbox outbox;
    @MockitoBean
    Clock clock;

    private final InboundMessages messages;

    InboxModuleTest(InboundMessages messages) {
        this.messages = messages;
    }

    @Test
    void aReplyToASequenceEmailIsToldToTheLeadWithWhatItMeans(Scenario scenario) throws Exception {
        when(clock.instant()).thenReturn(Instant.parse("2026-03-03T09:30:00Z"));
        when(outbox.leadOfMessage("<m2@leadflow.local>")).thenReturn(Optional.of(LEAD));
        when(jdbc.sql(anyString()).params(any(Object[].class)).update()).thenReturn(1);
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream("""
                From: Rosa Paz <rosa@telcomex.mx>\r
                To: ana@leadflow.local\r
                Subject: Re: Rosa, una pregunta\r
                Message-ID: <r1@telcomex.mx>\r
                In-Reply-To: <m2@leadflow.local>\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                Gracias, Ana, pero no nos interesa.\r
                """.getBytes(StandardCharsets.UTF_8)));

        scenario.stimulate(() -> handle(reply))
                .andWaitForEventOfType(InboundMail.class)
                .toArriveAndVerify(mail -> assertThat(mail).isEqualTo(new InboundMail(LEAD, InboundMail.Kind.REPLY, "<r1@telcomex.mx>",
                        "Re: Rosa, una pregunta", ReplyIntent.NOT_INTERESTED, "no nos interesa", null, "<m2@leadflow.local>", null, null)));
    }

    private InboundMessages.Outcome handle(MimeMessage message) {
        try {
            return messages.handle(message, "inbox:1");
        } catch (MessagingException | InboundMessages.UnreadableMessageException e) {
            throw new IllegalStateException(e);
        }
    }
}
