package io.leadflow.email;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateLinterTest {

    private static final String GOOD_ENGLISH = """
            <#assign subject><#if lead.firstName??>${lead.firstName}, a<#else>A</#if> guide for your team</#assign>
            Hi ${lead.firstName!"there"},

            <#include "_opening.en.ftl">
            Your team<#if lead.company??> at ${lead.company}</#if> probably wants to know which campaigns bring your best customers.
            This free guide shows you how to measure it with your own numbers: ${content.url}

            What is your biggest challenge this quarter?

            --
            ${rep.name}
            Unsubscribe: ${unsubscribeUrl}
            """;

    private static final String SPANISH = """
            <#assign subject><#if lead.firstName??>${lead.firstName}, una<#else>Una</#if> idea para tu equipo</#assign>
            Hola<#if lead.firstName??> ${lead.firstName}</#if>:

            <#include "_opening.es.ftl">
            Tu equipo<#if lead.company??> en ${lead.company}</#if> seguramente quiere saber qué campañas traen a tus mejores clientes; ¿lo mides hoy con tus cifras?

            ¿Cuál es tu mayor reto este trimestre?

            --
            ${rep.name}
            Baja: ${unsubscribeUrl}
            """;

    @TempDir
    Path folder;

    private final TemplateLinter linter = new TemplateLinter();

    /** The shipped parts the templates include (the opening), beside the templates under test. */
    @BeforeEach
    void copyTheParts() throws IOException {
        for (String language : List.of("es", "en")) {
            String part = TemplateLinter.openingOf(language);
            Files.copy(Path.of("email-templates/sequence", part), folder.resolve(part));
        }
    }

    @Test
    void theShippedTemplatesFollowEveryRule() {
        LintReport report = linter.lint(Path.of("email-templates/sequence"));

        assertThat(report.templateCount()).isGreaterThanOrEqualTo(12);
        assertThat(report.findings()).as(report.format()).isEmpty();
    }

    @Test
    void aGoodTemplatePasses() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH);

        LintReport report = linter.lint(folder);

        assertThat(report.findingsFor("any__any__awareness.en.ftl")).isEmpty();
    }

    @Test
    void flagsAMessageOf200WordsOrMore() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("<#include",
                "Your numbers matter to you. ".repeat(40) + "\n\n<#include"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.WORD_LIMIT);
    }

    @Test
    void flagsASenderMentionedMoreThanHalfAsOftenAsTheReader() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("<#include",
                "We think our team and I can help; we built our product for us and me.\n\n<#include"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.READER_FOCUS);
    }

    @Test
    void flagsTooMuchNosotrosInSpanish() throws IOException {
        write("any__any__awareness.es.ftl", """
                <#assign subject>Una idea para tu equipo, ${lead.firstName!"hola"}</#assign>
                Hola:

                <#include "_opening.es.ftl">

                Nosotros somos líderes; nuestro producto y nuestra plataforma nos hacen únicos. Mi equipo y yo te ayudamos.

                ¿Te interesa?

                --
                ${rep.name}
                Baja: ${unsubscribeUrl}
                """);

        assertThat(rulesFoundIn("any__any__awareness.es.ftl")).containsExactly(LintRule.READER_FOCUS);
    }

    @Test
    void flagsAMessageThatDoesNotEndWithAQuestion() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace(
                "What is your biggest challenge this quarter?", "Let me know what you think."));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.ENDS_WITH_QUESTION);
    }

    @Test
    void flagsASubjectWithoutAPersonalisationToken() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace(
                "<#if lead.firstName??>${lead.firstName}, a<#else>A</#if> guide for your team</#assign>", "A guide for your team</#assign>"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.SUBJECT_TOKEN);
    }

    @Test
    void flagsAMissingSignatureLineAndUnsubscribeLink() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH
                .replace("--\n", "")
                .replace("Unsubscribe: ${unsubscribeUrl}", ""));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl"))
                .containsExactlyInAnyOrder(LintRule.SIGNATURE, LintRule.UNSUBSCRIBE_LINK, LintRule.ENDS_WITH_QUESTION);
    }

    @Test
    void flagsSpanishThatMixesTuAndUsted() throws IOException {
        write("any__any__awareness.es.ftl", """
                <#assign subject>Una guía para su equipo, ${lead.firstName!"hola"}</#assign>
                Hola:

                <#include "_opening.es.ftl">

                Le comparto una guía para usted y su equipo; también te sirve para tus campañas: ${content.url}

                ¿Cuál es su mayor reto?

                --
                ${rep.name}
                Baja: ${unsubscribeUrl}
                """);

        assertThat(rulesFoundIn("any__any__awareness.es.ftl")).containsExactly(LintRule.SPANISH_REGISTER);
    }

    @Test
    void flagsASpanishQuestionWithoutItsOpeningMarkInTheSubjectOrTheBody() throws IOException {
        write("any__any__awareness.es.ftl", SPANISH.replace("una<#else>Una</#if> idea para tu equipo", "te sirve<#else>Te sirve</#if>?"));
        write("any__any__consideration.es.ftl", SPANISH.replace("¿Cuál es tu mayor reto este trimestre?", "Cuál es tu mayor reto? Cuéntamelo."
                + "\n¿Te sirve?"));

        assertThat(rulesFoundIn("any__any__awareness.es.ftl")).containsExactly(LintRule.SPANISH_QUESTION);
        assertThat(onlyFindingIn("any__any__consideration.es.ftl")).contains("\"Cuál es tu mayor reto?\"");
    }

    @Test
    void flagsAnUnsubscribeUrlTheHtmlPartCannotShowAsALink() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("Unsubscribe: ${unsubscribeUrl}", "Unsubscribe:${unsubscribeUrl}"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.UNSUBSCRIBE_HTML_LINK);
    }

    @Test
    void flagsAnEmailThatOffersContentWithoutItsLink() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace(": ${content.url}", "."));
        write("any__any__awareness.es.ftl", SPANISH.replace("Tu equipo", "Te comparto un ebook para tu equipo. Tu equipo"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.CONTENT_LINK);
        assertThat(onlyFindingIn("any__any__awareness.es.ftl")).contains("\"ebook\"", "${content.url}");
    }

    @Test
    void flagsATemplateThatFailsToRender() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("${lead.company}", "${lead.companyName}"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.RENDER);
    }

    @Test
    void flagsALeadFieldPrintedWithoutADefaultNamingTheFieldsLeftOut() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("Hi ${lead.firstName!\"there\"},", "Hi ${lead.firstName},"));

        assertThat(onlyFindingIn("any__any__awareness.en.ftl")).contains("without [firstName]");
    }

    @Test
    void flagsAnEmailThatReadsAsIfAValueWereLeftOut() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("Hi ${lead.firstName!\"there\"},", "Hi ${lead.firstName!},"));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.MISSING_VALUE);
        assertThat(onlyFindingIn("any__any__awareness.en.ftl")).contains("\" ,\"", "without [firstName]");
    }

    @Test
    void flagsATemplateThatDoesNotIncludeTheOpening() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("<#include \"_opening.en.ftl\">\n", ""));

        assertThat(rulesFoundIn("any__any__awareness.en.ftl")).containsExactly(LintRule.OPENING);
    }

    @Test
    void flagsMissingFallbacksForALanguage() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH);

        assertThat(linter.lint(folder).findings())
                .filteredOn(finding -> finding.rule() == LintRule.FALLBACK)
                .extracting(LintFinding::template)
                .containsExactlyInAnyOrder("any__any__consideration.en.ftl", "any__any__decision.en.ftl");
    }

    @Test
    void flagsABadFileName() throws IOException {
        write("ceo__telecom__awareness.en.ftl", GOOD_ENGLISH);

        assertThat(linter.lint(folder).findings()).extracting(LintFinding::rule).containsExactly(LintRule.CATALOG);
    }

    @Test
    void theCommandPrintsTheFindingsAndExitsWithOneWhenThereAreAny() throws IOException {
        write("any__any__awareness.en.ftl", GOOD_ENGLISH.replace("this quarter?", "this quarter."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = TemplateLinter.run(new String[] {folder.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("any__any__awareness.en.ftl  [ends-with-question]", "any__any__decision.en.ftl  [fallback]");
    }

    @Test
    void theCommandExitsWithZeroForTheShippedTemplatesAndTwoWithoutAFolder() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(TemplateLinter.run(new String[] {"email-templates/sequence"}, out)).isZero();
        assertThat(TemplateLinter.run(new String[0], out)).isEqualTo(2);
    }

    private LintRule[] rulesFoundIn(String template) {
        return linter.lint(folder).findingsFor(template).stream().map(LintFinding::rule).toArray(LintRule[]::new);
    }

    /** The message of the template's one finding. */
    private String onlyFindingIn(String template) {
        List<LintFinding> findings = linter.lint(folder).findingsFor(template);
        assertThat(findings).hasSize(1);
        return findings.getFirst().message();
    }

    private void write(String fileName, String source) throws IOException {
        Files.writeString(folder.resolve(fileName), source);
    }
}
