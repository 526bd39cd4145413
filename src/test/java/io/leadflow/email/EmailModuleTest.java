package io.leadflow.email;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;

/**
 * The email module boots without PostgreSQL (its tables, sending slots and limits and mailboxes mocked) and its SMTP server, with
 * the templates shipped on the class path; a mail the server refuses for good is told as given up.
 */
@EmailModuleOnItsOwn
@MockitoBean(types = SendingLimits.class)
class EmailModuleTest {

    private static final Instant NOW = Instant.parse("2026-03-02T16:00:00Z");

    /** The outbox's table: a statement answers Mockito's defaults (no row changed) unless a test says otherwise. */
    @MockitoBean(answers = Answers.RETURNS_DEEP_STUBS)
    JdbcClient jdbc;
    @MockitoBean
    SmtpConnection smtp;
    @MockitoBean
    Clock clock;

    private final EmailTemplateCatalog catalog;
    private final EmailRenderer renderer;
    private final MailDispatcher dispatcher;

    EmailModuleTest(EmailTemplateCatalog catalog, EmailRenderer renderer, MailDispatcher dispatcher) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.dispatcher = dispatcher;
    }

    @Test
    void aMailTheServerRefusesForGoodIsToldAsGivenUp(Scenario scenario) throws MessagingException {
        UUID lead = UUID.fromString("8b3f5d27-6c1e-4a90-b7d4-0e2a9c6f1b53");
        String key = "sequence:" + lead + ":2";
        when(clock.instant()).thenReturn(NOW);
        // The outbox's update returning since when the mail has been failing: now, its first failure.
        when(jdbc.sql(anyString()).params(any(Object[].class)).query(Timestamp.class).single()).thenReturn(Timestamp.from(NOW));
        doThrow(new SMTPSendFailedException("DATA", 550, "550 5.1.1 mailbox unavailable", null, null, null, null))
                .when(smtp).send(any(), any());
        MailOutbox.PendingMail mail = new MailOutbox.PendingMail(key, lead, new Mailbox("Rosa Paz", "rosa@telcomex.mx"), null,
                "Rosa, una pregunta", "Hola Rosa", null, "<m2@leadflow.local>", Map.of(), 0);

        scenario.stimulate(() -> dispatcher.work(mail))
                .andWaitForEventOfType(MailFailed.class)
                .toArriveAndVerify(failed -> assertThat(failed).isEqualTo(new MailFailed(lead, key, "<m2@leadflow.local>",
                        "Rosa, una pregunta", "550 5.1.1 mailbox unavailable", true)));
    }

    @Test
    void theTemplatesOnTheClassPathFollowEveryRule() {
        LintReport report = new TemplateLinter().lint(catalog);

        assertThat(report.templateCount()).isGreaterThanOrEqualTo(12);
        assertThat(report.findings()).as(report.format()).isEmpty();
    }

    @Test
    void aMexicanTelecomExecutiveGetsTheSpanishTelecomTemplateRendered() {
        TemplateKey key = catalog.select("executive", "Telecom", "awareness", "es-MX");
        RenderedEmail email = renderer.render(key, new EmailModel(
                new EmailModel.Lead("Rosa", "Paz", "Telcomex", "CEO", "telecom", "MX",
                        new EmailModel.Origin("form-fill", "ebook", null, null, null)),
                new EmailModel.Rep("Ana Torres", "ana@leadflow.local"),
                new EmailModel.Attempt(1, 5, true, true, false), new EmailModel.Content("Cinco indicadores", "https://leadflow.example/guia"),
                "https://leadflow.example/unsubscribe/abc"));

        assertThat(key.fileName()).isEqualTo("executive__telecom__awareness.es.ftl");
        assertThat(email.subject()).startsWith("Rosa, ");
        assertThat(email.textBody()).contains("Telcomex", "Ana Torres", "https://leadflow.example/unsubscribe/abc",
                "Intenté llamarte", "«Cinco indicadores»", "https://leadflow.example/guia");
        assertThat(email.htmlBody()).contains("<a href=\"https://leadflow.example/unsubscribe/abc\">",
                "<a href=\"https://leadflow.example/guia\">");
    }
}
