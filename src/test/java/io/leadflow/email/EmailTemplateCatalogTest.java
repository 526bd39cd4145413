package io.leadflow.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTemplateCatalogTest {

    @TempDir
    Path folder;

    @Test
    void prefersTheExactPersonaAndIndustry() throws IOException {
        EmailTemplateCatalog catalog = catalogOf(
                "executive__telecom__awareness.es.ftl", "executive__any__awareness.es.ftl",
                "any__telecom__awareness.es.ftl", "any__any__awareness.es.ftl");

        assertThat(catalog.select("executive", "telecom", "awareness", "es").fileName())
                .isEqualTo("executive__telecom__awareness.es.ftl");
    }

    @Test
    void fallsBackToThePersonaBeforeTheIndustry() throws IOException {
        EmailTemplateCatalog catalog = catalogOf(
                "executive__any__awareness.es.ftl", "any__telecom__awareness.es.ftl", "any__any__awareness.es.ftl");

        assertThat(catalog.select("executive", "telecom", "awareness", "es").fileName())
                .isEqualTo("executive__any__awareness.es.ftl");
    }

    @Test
    void fallsBackToTheIndustryForAnyPersona() throws IOException {
        EmailTemplateCatalog catalog = catalogOf("any__telecom__awareness.es.ftl", "any__any__awareness.es.ftl");

        assertThat(catalog.select("executive", "telecom", "awareness", "es").fileName())
                .isEqualTo("any__telecom__awareness.es.ftl");
    }

    @Test
    void fallsBackToAnyPersonaAndIndustryForTheStage() throws IOException {
        EmailTemplateCatalog catalog = catalogOf(
                "executive__telecom__decision.es.ftl", "any__any__awareness.es.ftl");

        assertThat(catalog.select("executive", "telecom", "awareness", "es").fileName())
                .isEqualTo("any__any__awareness.es.ftl");
    }

    @Test
    void treatsUnknownOrBlankPersonaAndIndustryAsAny() throws IOException {
        EmailTemplateCatalog catalog = catalogOf("any__any__awareness.en.ftl", "marketing__telecom__awareness.en.ftl");

        assertThat(catalog.select("student", "telecom", "awareness", "en").fileName())
                .isEqualTo("any__any__awareness.en.ftl");
        assertThat(catalog.select("marketing", "Banking & Insurance", "awareness", "en").fileName())
                .isEqualTo("any__any__awareness.en.ftl");
        assertThat(catalog.select(null, " ", "awareness", "en").fileName())
                .isEqualTo("any__any__awareness.en.ftl");
    }

    @Test
    void matchesCaseInsensitivelyAndReadsLanguageTags() throws IOException {
        EmailTemplateCatalog catalog = catalogOf("marketing__telecom__awareness.es.ftl", "any__any__awareness.es.ftl");

        assertThat(catalog.select(" Marketing", "TELECOM", "Awareness", "es-MX").fileName())
                .isEqualTo("marketing__telecom__awareness.es.ftl");
    }

    @Test
    void neverFallsBackToAnotherLanguage() throws IOException {
        EmailTemplateCatalog catalog = catalogOf("executive__telecom__awareness.en.ftl", "any__any__awareness.en.ftl");

        assertThatThrownBy(() -> catalog.select("executive", "telecom", "awareness", "es"))
                .isInstanceOf(EmailTemplateException.class)
                .hasMessageContaining("language es");
    }

    @Test
    void rejectsAnUnknownStage() throws IOException {
        EmailTemplateCatalog catalog = catalogOf("any__any__awareness.en.ftl");

        assertThatThrownBy(() -> catalog.select("any", "any", "retention", "en"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAFileThatDoesNotFollowTheNamingScheme() throws IOException {
        Files.writeString(folder.resolve("ceo__telecom__awareness.es.ftl"), "");

        assertThatThrownBy(() -> EmailTemplateCatalog.fromDirectory(folder))
                .isInstanceOf(EmailTemplateException.class)
                .hasMessageContaining("ceo__telecom__awareness.es.ftl");
    }

    @Test
    void aVariantIsItsTemplatesFileWithTheVariantsNameAndIsNeverChosenInItsPlace() throws IOException {
        EmailTemplateCatalog catalog = catalogOf("any__any__awareness.en.ftl", "any__any__awareness.en.b.ftl",
                "marketing__any__awareness.en.ftl");

        TemplateKey template = catalog.select("marketing", "telecom", "awareness", "en");
        assertThat(template.fileName()).isEqualTo("marketing__any__awareness.en.ftl");
        assertThat(catalog.variant(template, "b")).isEmpty();
        TemplateKey fallback = catalog.select("sales", "retail", "awareness", "en");
        assertThat(fallback.fileName()).isEqualTo("any__any__awareness.en.ftl");
        assertThat(catalog.variant(fallback, "b")).hasValueSatisfying(variant -> {
            assertThat(variant.fileName()).isEqualTo("any__any__awareness.en.b.ftl");
            assertThat(variant.variant()).isEqualTo("b");
        });
        assertThat(TemplateKey.fromFileName("any__any__awareness.en.short-subject.ftl").variant()).isEqualTo("short-subject");
        assertThatThrownBy(() -> TemplateKey.fromFileName("any__any__awareness.en.B.ftl")).isInstanceOf(EmailTemplateException.class);
    }

    @Test
    void listsTheTemplatesShippedOnTheClasspath() {
        EmailTemplateCatalog catalog = new EmailTemplateCatalog();

        assertThat(catalog.templates()).hasSizeGreaterThanOrEqualTo(12);
        for (String language : TemplateKey.LANGUAGES) {
            for (String stage : TemplateKey.STAGES) {
                assertThat(catalog.templates()).contains(new TemplateKey("any", "any", stage, language));
            }
        }
        assertThat(catalog.select("executive", "telecom", "awareness", "es"))
                .isEqualTo(new TemplateKey("executive", "telecom", "awareness", "es"));
    }

    private EmailTemplateCatalog catalogOf(String... fileNames) throws IOException {
        for (String fileName : fileNames) {
            Files.writeString(folder.resolve(fileName), "<#assign subject>${lead.firstName}</#assign>\n");
        }
        return EmailTemplateCatalog.fromDirectory(folder);
    }
}
