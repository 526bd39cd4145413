package io.leadflow.email;

import io.leadflow.assignment.SlaEscalation;
import io.leadflow.email.EmailModel.Attempt;
import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.EmailModel.Lead;
import io.leadflow.email.EmailModel.Origin;
import io.leadflow.email.EmailModel.Rep;
import io.leadflow.lead.LeadType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sequence template renders for every lead that can reach it: each lead type, each combination of the lead's
 * optional fields missing, both languages (each template is one language), as every kind of email. And it reads
 * whole: no greeting left hanging ("Hi ,"), no empty quotes. The internal mails render for leads with nothing optional.
 */
class TemplatesAlwaysRenderTest {

    private static final EmailTemplateCatalog CATALOG = EmailTemplateCatalog.fromDirectory(Path.of("email-templates/sequence"));
    private static final EmailRenderer RENDERER = new EmailRenderer(CATALOG);
    private static final InternalMailRenderer INTERNAL = new InternalMailRenderer();
    private static final Lead FULL = new Lead("María de la O", "García", "Telcomex", "Directora de Marketing", "telecom", "MX",
            new Origin("form-fill", null, null, null, null));
    private static final String UNSUBSCRIBE = "https://leadflow.example/unsubscribe/abc";

    /** 16 templates × 64 combinations of missing fields × 5 lead types, each as 3 kinds of email. */
    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 10_000)
    void everyTemplateRendersForEveryLeadTypeWithAnyOptionalFieldsMissing(@ForAll("templates") TemplateKey template,
                                                                          @ForAll("missingFields") Set<String> missing,
                                                                          @ForAll LeadType type) {
        Lead lead = TemplateLinter.without(FULL, originOf(type), missing);
        for (Attempt attempt : TemplateLinter.ATTEMPTS) {
            RenderedEmail email = RENDERER.render(template, new EmailModel(lead, new Rep("Daniel Ruiz", "daniel@leadflow.example"),
                    attempt, new Content("Guía", "https://leadflow.example/guia"), UNSUBSCRIBE));

            assertThat(email.subject()).isNotBlank();
            assertThat(email.textBody()).contains(UNSUBSCRIBE);
            assertThat(TemplateLinter.leftOutValue(email)).as("%s for a %s lead without %s: %s", template, type, missing,
                    email.textBody()).isEmpty();
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void theRepsNewLeadMailRendersWithoutTitleCompanyOrReasons(@ForAll("blankOrNot") String company, @ForAll("blankOrNot") String jobTitle,
                                                               @ForAll boolean withReasons, @ForAll("languages") Locale language,
                                                               @ForAll("blankOrNot") String openingLine) {
        RenderedEmail mail = INTERNAL.render("rep-new-lead", language, Map.of(
                "rep", Map.of("name", "Ana Torres"),
                "lead", Map.of("name", "a lead without a name", "company", company, "jobTitle", jobTitle, "timeZone", "America/Bogota"),
                "stage", "MQL",
                "fit", Map.of("score", 0, "reasons", withReasons ? List.of("telecom") : List.of()),
                "origin", List.of(Map.of("label", "Came as", "value", "form fill"), Map.of("label", "Source", "value", "ebook")),
                "openingLine", openingLine, "task", "First contact", "due", "Mon 09:00", "taskUrl", "https://leadflow.example/tasks/1"));

        assertThat(mail.subject()).doesNotContain("()");
        assertThat(mail.textBody()).doesNotContain(" at ,", " de ,", ", ,", "\"\"")
                .contains((language.equals(Locale.ENGLISH) ? "How it came" : "Cómo llegó") + ":\n- Came as: form fill\n- Source: ebook\n");
        if (!openingLine.isBlank()) {
            assertThat(mail.textBody()).contains(": \"" + openingLine + "\"");
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void theManagersBreachMailRendersWithoutACompany(@ForAll("blankOrNot") String company, @ForAll("languages") Locale language,
                                                     @ForAll("breaches") String breach) {
        RenderedEmail mail = INTERNAL.render("manager-sla-breach", language, Map.of(
                "manager", Map.of("name", "Marta"), "rep", Map.of("name", "Ana Torres"),
                "lead", Map.of("name", "ana@telcomex.mx", "company", company),
                "breach", breach, "taskUrl", "https://leadflow.example/tasks/1"));

        assertThat(mail.subject()).doesNotContain("()");
    }

    @Provide
    Arbitrary<TemplateKey> templates() {
        return Arbitraries.of(CATALOG.templates());
    }

    @Provide
    Arbitrary<Set<String>> missingFields() {
        return Arbitraries.subsetOf(TemplateLinter.OPTIONAL_FIELDS);
    }

    /** SlaEscalation.Breach's names. */
    @Provide
    Arbitrary<String> breaches() {
        return Arbitraries.of(Arrays.stream(SlaEscalation.Breach.values()).map(Enum::name).toArray(String[]::new));
    }

    @Provide
    Arbitrary<Locale> languages() {
        return Arbitraries.of(Locale.ENGLISH, Locale.forLanguageTag("es"));
    }

    @Provide
    Arbitrary<String> blankOrNot() {
        return Arbitraries.of("", "Telcomex");
    }

    /** How a lead of the type comes, with what the intake API requires of it. */
    private static Origin originOf(LeadType type) {
        return switch (type) {
            case FORM_FILL -> new Origin("form-fill", "ebook", null, null, null);
            case COMPANY_VISIT -> new Origin("company-visit", null, "roi de marketing", null, null);
            case TRIGGER_EVENT -> new Origin("trigger-event", null, null, "hiring", null);
            case REFERRAL -> new Origin("referral", "partner", null, null, "Lucía Fernández");
            case RESEARCH -> new Origin("research", null, null, null, null);
        };
    }
}
