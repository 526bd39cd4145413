package io.leadflow.email;

import io.leadflow.email.EmailModel.Attempt;
import io.leadflow.email.EmailModel.Lead;
import io.leadflow.email.EmailModel.Rep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailRendererTest {

    private static final TemplateKey KEY = new TemplateKey("any", "any", "awareness", "en");

    @TempDir
    Path folder;

    @Test
    void rendersSubjectTextAndHtmlFromOneTemplate() throws IOException {
        RenderedEmail email = render("""
                <#assign subject>${lead.firstName}, a guide for ${lead.company}</#assign>
                Hi ${lead.firstName},

                Step ${attempt.step} of ${attempt.total}.
                What is your biggest challenge?

                --
                ${rep.name}
                """, lead("Ana", "Acme & Sons"));

        assertThat(email.subject()).isEqualTo("Ana, a guide for Acme & Sons");
        assertThat(email.textBody()).isEqualTo("""
                Hi Ana,

                Step 1 of 5.
                What is your biggest challenge?

                --
                Daniel""");
        assertThat(email.htmlBody()).contains(
                "<p>Hi Ana,</p>",
                "<p>Step 1 of 5.<br>\nWhat is your biggest challenge?</p>",
                "<p>--<br>\nDaniel</p>");
    }

    @Test
    void escapesInsertedValuesInTheHtmlBody() throws IOException {
        RenderedEmail email = render("""
                <#assign subject>Hi ${lead.firstName}</#assign>
                Hi ${lead.firstName} from ${lead.company},
                """, lead("<script>alert(1)</script>", "\"Tom\" & <b>Jerry</b>"));

        assertThat(email.htmlBody())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;Tom&quot; &amp; &lt;b&gt;Jerry&lt;/b&gt;")
                .doesNotContain("<script>", "<b>");
        assertThat(email.textBody()).contains("<script>alert(1)</script>");
    }

    @Test
    void foldsLineBreaksAndControlCharactersOutOfTheSubject() throws IOException {
        RenderedEmail email = render("""
                <#assign subject>${lead.firstName}, a guide for
                ${lead.company}</#assign>
                Body
                """, lead("Ana\r\nBcc: victim@example.com", "Acme\u0000\u0085\u2028Corp\tLtd"));

        assertThat(email.subject())
                .isEqualTo("Ana Bcc: victim@example.com, a guide for Acme Corp Ltd")
                .doesNotContainPattern("[\\p{Cc}\\u2028\\u2029]");
    }

    @Test
    void failsOnAMissingValueInsteadOfPrintingBlank() throws IOException {
        assertThatThrownBy(() -> render("""
                <#assign subject>${lead.firstName}</#assign>
                Hi ${lead.firstName}, how is ${lead.company}?
                """, lead("Ana", null)))
                .isInstanceOf(EmailTemplateException.class)
                .hasMessageContaining(KEY.fileName())
                .hasMessageContaining("lead.company");
    }

    @Test
    void failsWhenTheTemplateAssignsNoSubject() throws IOException {
        assertThatThrownBy(() -> render("Hi ${lead.firstName}\n", lead("Ana", "Acme")))
                .isInstanceOf(EmailTemplateException.class)
                .hasMessageContaining("<#assign subject>");
    }

    @Test
    void refusesToInstantiateJavaClassesFromATemplate() throws IOException {
        assertThatThrownBy(() -> render("""
                <#assign subject>${lead.firstName}</#assign>
                <#assign run = "freemarker.template.utility.Execute"?new()>${run("id")}
                """, lead("Ana", "Acme")))
                .isInstanceOf(EmailTemplateException.class)
                .hasMessageContaining("not allowed");
    }

    @Test
    void saysWhenTheEmailFollowsACallThatDidNotConnect() throws IOException {
        String source = """
                <#assign subject>${lead.firstName}</#assign>
                <#if attempt.afterMissedCall>I tried calling you.</#if> Hi ${lead.firstName}.
                """;

        assertThat(render(source, lead("Ana", "Acme"), new Attempt(1, 5, true, false, false)).textBody()).isEqualTo("I tried calling you. Hi Ana.");
        assertThat(render(source, lead("Ana", "Acme"), new Attempt(2, 5, false, false, false)).textBody()).isEqualTo("Hi Ana.");
    }

    @Test
    void linksTheModelsUrlsStandingAsWordsAndNothingElse() throws IOException {
        RenderedEmail email = render("""
                <#assign subject>${lead.firstName}</#assign>
                Hi ${lead.firstName}, the guide «${content.title}»: ${content.url}.
                Glued:${unsubscribeUrl}
                Unsubscribe (${unsubscribeUrl})
                """, lead("https://evil.example/login", "Acme"));

        assertThat(email.htmlBody())
                .contains("Hi https://evil.example/login, the guide «A guide»: "
                        + "<a href=\"https://example.com/guide?a=1&amp;b=2\">https://example.com/guide?a=1&amp;b=2</a>.")
                .contains("Glued:https://example.com/unsubscribe<br>")
                .contains("Unsubscribe (<a href=\"https://example.com/unsubscribe\">https://example.com/unsubscribe</a>)")
                .doesNotContain("href=\"https://evil");
    }

    private RenderedEmail render(String source, Lead lead) throws IOException {
        return render(source, lead, new Attempt(1, 5, false, false, false));
    }

    private RenderedEmail render(String source, Lead lead, Attempt attempt) throws IOException {
        Files.writeString(folder.resolve(KEY.fileName()), source);
        EmailRenderer renderer = new EmailRenderer(EmailTemplateCatalog.fromDirectory(folder));
        return renderer.render(KEY, new EmailModel(lead, new Rep("Daniel", "daniel@example.com"), attempt,
                new EmailModel.Content("A guide", "https://example.com/guide?a=1&b=2"), "https://example.com/unsubscribe"));
    }

    private static Lead lead(String firstName, String company) {
        return new Lead(firstName, "Paz", company, "CMO", "telecom", "MX", new EmailModel.Origin("form-fill", "blog", null, null, null));
    }
}
