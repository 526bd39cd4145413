package io.leadflow.email;

import io.leadflow.email.EmailModel.Attempt;
import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.EmailModel.Lead;
import io.leadflow.email.EmailModel.Origin;
import io.leadflow.email.EmailModel.Rep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first email opens by how the lead came (methodology, seed 000): a form fill by its source (an ebook: "what did
 * you think of it?"), a visiting company with what it read, a trigger event with the event, a referral with who
 * introduced it; later emails do not repeat it, and a connected call's follow-up thanks for the call.
 */
class OpeningLineTest {

    private static final EmailTemplateCatalog CATALOG = EmailTemplateCatalog.fromDirectory(Path.of("email-templates/sequence"));
    private static final EmailRenderer RENDERER = new EmailRenderer(CATALOG);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            en | form-fill     | ebook   | -            | -       | -               | You downloaded the ebook: what did you think of it?
            es | form-fill     | ebook   | -            | -       | -               | Vi que descargaste el ebook: ¿qué te pareció?
            en | form-fill     | webinar | -            | -       | -               | Thanks for joining the webinar
            es | form-fill     | -       | -            | -       | -               | Gracias por tu interés en el contenido del blog.
            en | company-visit | -       | roi campaigns | -      | -               | Someone at Telcomex was recently reading about "roi campaigns" on the blog
            es | company-visit | -       | roi campañas | -       | -               | Alguien de Telcomex estuvo leyendo hace poco sobre «roi campañas» en el blog
            en | trigger-event | -       | -            | hiring  | -               | I saw that Telcomex is hiring
            es | trigger-event | -       | -            | funding | -               | Enhorabuena por la nueva ronda de financiación de Telcomex
            en | referral      | partner | -            | -       | Lucía Fernández | Lucía Fernández suggested I write to you
            es | referral      | partner | -            | -       | Lucía Fernández | Lucía Fernández me sugirió que te escribiera
            """)
    void theFirstEmailOpensByHowTheLeadCame(String language, String type, String source, String topic, String event,
                                           String referredBy, String opening) {
        Origin origin = new Origin(type, source, topic, event, referredBy);

        assertThat(render(language, origin, new Attempt(2, 5, false, true, false))).contains(opening);
        assertThat(render(language, origin, new Attempt(3, 5, false, false, false))).doesNotContain(opening);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Thanks for taking my call today.
            es | Gracias por atender mi llamada hoy.
            """)
    void aConnectedCallsFollowUpThanksForTheCallAndOffersTheContent(String language, String thanks) {
        String text = render(language, new Origin("form-fill", "ebook", null, null, null), new Attempt(1, 5, false, false, true));

        assertThat(text).contains(thanks, "https://leadflow.example/guide");
    }

    private static String render(String language, Origin origin, Attempt attempt) {
        Lead lead = new Lead("Rosa", "Paz", "Telcomex", "CMO", "telecom", "MX", origin);
        return RENDERER.render(CATALOG.select("any", "any", "awareness", language), new EmailModel(lead,
                new Rep("Daniel Ruiz", "daniel@leadflow.example"), attempt,
                new Content("A guide", "https://leadflow.example/guide"), "https://leadflow.example/unsubscribe")).textBody();
    }
}
