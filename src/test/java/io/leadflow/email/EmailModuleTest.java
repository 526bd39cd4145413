package io.leadflow.email;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.email.internal.MailboxPasswords;
import io.leadflow.lead.Leads;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The email module boots without its outbox, sending slots and limits and mailboxes (PostgreSQL) and SMTP side, with the templates shipped on the class path. */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {MailOutbox.class, MailDispatcher.class, SendingQuota.class, SendingLimits.class, ConnectedMailboxes.class, MailboxPasswords.class,
        Clock.class, Leads.class})
class EmailModuleTest {

    private final EmailTemplateCatalog catalog;
    private final EmailRenderer renderer;

    EmailModuleTest(EmailTemplateCatalog catalog, EmailRenderer renderer) {
        this.catalog = catalog;
        this.renderer = renderer;
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
