package io.leadflow.email;

import freemarker.core.HTMLOutputFormat;
import io.leadflow.email.EmailModel.Attempt;
import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.EmailModel.Lead;
import io.leadflow.email.EmailModel.Origin;
import io.leadflow.email.EmailModel.Rep;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.leadflow.email.TemplateKey.ANY;

/**
 * Checks every sequence template against the methodology's email rules by rendering it with
 * sample leads whose names and companies are short and long, Spanish and English.
 * The message is the body above the signature line "--"; word count, reader focus and the
 * closing question apply to the message only, so the signature and unsubscribe line are free.
 */
public final class TemplateLinter {

    private static final int WORD_LIMIT = 200;
    /** "--" alone on a line, the usual e-mail signature separator. */
    private static final Pattern SIGNATURE_LINE = Pattern.compile("(?m)^[ \\t]*--[ \\t]*$");

    private static final Pattern SUBJECT = Pattern.compile("<#assign\\s+subject\\s*>(.*?)</#assign>", Pattern.DOTALL);
    private static final String LEAD_TOKEN = "${lead.";
    /** Words that promise the reader a piece of content, which the email must then link to. */
    private static final Map<String, Pattern> CONTENT_PROMISES = Map.of(
            "es", Pattern.compile("(?iU)\\b(guía|guías|e-?book|ebooks|caso práctico|caso real|plantilla|lista de comprobación|checklist)\\b"),
            "en", Pattern.compile("(?iU)\\b(guide|guides|e-?book|ebooks|case study|template|checklist)\\b"));
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private static final List<Sample> SAMPLES = List.of(
            new Sample("short Spanish names, first email after a missed call, ebook", new EmailModel(
                    new Lead("Ana", "Paz", "Telco", "CEO", "telecom", "MX", new Origin("form-fill", "ebook", null, null, null)),
                    new Rep("Daniel Ruiz", "daniel@example.com"),
                    new Attempt(1, 5, true, true, false), new Content("Guía corta", "https://example.com/es/guia?ref=email&step=1"),
                    "https://example.com/unsubscribe/es-short")),
            new Sample("long Spanish names, referral", new EmailModel(
                    new Lead("María Fernanda de los Ángeles", "Gutiérrez Villanueva",
                            "Telecomunicaciones Integradas del Pacífico S.A. de C.V.",
                            "Directora de Marketing y Comunicación Corporativa", "telecom", "CO",
                            new Origin("referral", "partner", null, null, "José Antonio Fernández de la Vega")),
                    new Rep("María José Fernández de la Vega", "mariajose.fernandez@example.com"),
                    new Attempt(5, 5, false, false, false),
                    new Content("Cómo medir el retorno de tu marketing y ventas en treinta días, paso a paso",
                            "https://example.com/recursos/como-medir-el-retorno-de-tu-marketing-y-ventas"),
                    "https://example.com/unsubscribe/es-long")),
            new Sample("short English names, first email, hiring", new EmailModel(
                    new Lead("Bo", "Li", "Zed", "CTO", "software", "US", new Origin("trigger-event", null, null, "hiring", null)),
                    new Rep("Sam Lee", "sam@example.com"),
                    new Attempt(2, 5, false, true, false), new Content("A guide", "https://example.com/en/guide"),
                    "https://example.com/unsubscribe/en-short")),
            new Sample("long English names, first email after a missed call, company visit", new EmailModel(
                    new Lead("Alexandria-Catherine", "Montgomery-Whitfield",
                            "Northern Atlantic Broadband Communications Holdings",
                            "Senior Vice President of Revenue Operations", "telecom", "GB",
                            new Origin("company-visit", null, "measuring the return of marketing campaigns across regions", null, null)),
                    new Rep("Christopher Alexander Bennett", "christopher.bennett@example.com"),
                    new Attempt(3, 5, true, true, false),
                    new Content("How to measure the return of your marketing and sales in thirty days, step by step",
                            "https://example.com/resources/how-to-measure-the-return-of-your-marketing-and-sales"),
                    "https://example.com/unsubscribe/en-long")),
            new Sample("long Spanish names, after a connected call", new EmailModel(
                    new Lead("María Fernanda de los Ángeles", "Gutiérrez Villanueva",
                            "Telecomunicaciones Integradas del Pacífico S.A. de C.V.",
                            "Directora de Marketing y Comunicación Corporativa", "telecom", "CO",
                            new Origin("form-fill", "webinar", null, null, null)),
                    new Rep("María José Fernández de la Vega", "mariajose.fernandez@example.com"),
                    new Attempt(1, 5, false, false, true),
                    new Content("Cómo medir el retorno de tu marketing y ventas en treinta días, paso a paso",
                            "https://example.com/recursos/como-medir-el-retorno-de-tu-marketing-y-ventas"),
                    "https://example.com/unsubscribe/es-connected")));

    /** How a lead can come, with what each type always has (a referral its referrer, a trigger event its kind). */
    static final List<Origin> ORIGINS = List.of(
            new Origin("form-fill", null, null, null, null), new Origin("form-fill", "ebook", null, null, null),
            new Origin("form-fill", "webinar", null, null, null), new Origin("form-fill", "event", null, null, null),
            new Origin("form-fill", "google-ads", null, null, null),
            new Origin("company-visit", null, null, null, null), new Origin("company-visit", null, "pricing", null, null),
            new Origin("trigger-event", null, null, "funding", null), new Origin("trigger-event", null, null, "hiring", null),
            new Origin("trigger-event", null, null, "news", null), new Origin("trigger-event", null, null, "social-mention", null),
            new Origin("referral", null, null, null, "Lucía Fernández"), new Origin("research", null, null, null, null));
    /** The lead's fields the intake API does not require: a template must render without any of them. */
    static final List<String> OPTIONAL_FIELDS = List.of("firstName", "lastName", "company", "jobTitle", "industry", "country");
    /** The kinds of email a template is rendered as: a first one after a missed call, a later one, a connected call's follow-up. */
    static final List<Attempt> ATTEMPTS = List.of(new Attempt(1, 5, true, true, false), new Attempt(3, 5, false, false, false),
            new Attempt(1, 5, false, false, true));
    /** A space before punctuation, two spaces in a row or empty quotes: a value was left out. */
    private static final Pattern GAP = Pattern.compile("[ \\t][,.;:!?)»”]|\\S {2,}\\S|\"\"|«»|“”|\\( ");

    private static final List<Sample> SPARSE_SAMPLES = sparseSamples();

    /** The rules checked on each rendering; each returns what is wrong, if anything. */
    private static final List<Check> CHECKS = List.of(
            new Check(LintRule.SIGNATURE, TemplateLinter::signature),
            new Check(LintRule.WORD_LIMIT, TemplateLinter::wordLimit),
            new Check(LintRule.READER_FOCUS, TemplateLinter::readerFocus),
            new Check(LintRule.ENDS_WITH_QUESTION, TemplateLinter::endsWithQuestion),
            new Check(LintRule.UNSUBSCRIBE_LINK, TemplateLinter::unsubscribeLink),
            new Check(LintRule.UNSUBSCRIBE_HTML_LINK, TemplateLinter::unsubscribeHtmlLink),
            new Check(LintRule.CONTENT_LINK, TemplateLinter::contentLink),
            new Check(LintRule.SPANISH_REGISTER, TemplateLinter::spanishRegister),
            new Check(LintRule.SPANISH_QUESTION, TemplateLinter::spanishQuestion));

    /** Lints the templates of a folder. */
    public LintReport lint(Path directory) {
        EmailTemplateCatalog catalog;
        try {
            catalog = EmailTemplateCatalog.fromDirectory(directory);
        } catch (EmailTemplateException e) {
            return new LintReport(0, List.of(new LintFinding(directory.toString(), LintRule.CATALOG, e.getMessage())));
        }
        return lint(catalog);
    }

    /** Lints the templates of a catalog, e.g. the ones shipped in the jar. */
    public LintReport lint(EmailTemplateCatalog catalog) {
        EmailRenderer renderer = new EmailRenderer(catalog);
        List<LintFinding> findings = new ArrayList<>(missingFallbacks(catalog));
        for (TemplateKey key : catalog.templates()) {
            findings.addAll(lint(key, catalog.source(key), renderer));
        }
        return new LintReport(catalog.templates().size(), findings);
    }

    /** Usage: {@code TemplateLinter <folder>}; exits 1 when there are findings, 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            out.println("Usage: TemplateLinter <folder with persona__industry__stage.language.ftl templates>");
            return 2;
        }
        try {
            LintReport report = new TemplateLinter().lint(Path.of(args[0]));
            out.print(args[0] + ": " + report.format());
            return report.clean() ? 0 : 1;
        } catch (UncheckedIOException e) {
            out.println(e.getMessage());
            return 2;
        }
    }

    private static List<LintFinding> missingFallbacks(EmailTemplateCatalog catalog) {
        List<LintFinding> findings = new ArrayList<>();
        catalog.templates().stream().map(TemplateKey::language).distinct().forEach(language -> {
            for (String stage : TemplateKey.STAGES) {
                TemplateKey fallback = new TemplateKey(ANY, ANY, stage, language);
                if (!catalog.templates().contains(fallback)) {
                    findings.add(new LintFinding(fallback.fileName(), LintRule.FALLBACK,
                            "missing: leads of other personas or industries get no " + stage + " email in " + language));
                }
            }
        });
        return findings;
    }

    private static List<LintFinding> lint(TemplateKey key, String source, EmailRenderer renderer) {
        List<LintFinding> findings = new ArrayList<>();
        Matcher subject = SUBJECT.matcher(source);
        if (!subject.find() || !subject.group(1).contains(LEAD_TOKEN)) {
            findings.add(new LintFinding(key.fileName(), LintRule.SUBJECT_TOKEN,
                    "the subject (<#assign subject>…</#assign>) must contain a personalisation token such as ${lead.firstName}"));
        }
        if (!source.contains("<#include \"" + openingOf(key.language()) + "\">")) {
            findings.add(new LintFinding(key.fileName(), LintRule.OPENING,
                    "must include the opening of its language after the greeting: <#include \"" + openingOf(key.language()) + "\">"));
        }
        List<Rendering> renderings = new ArrayList<>();
        for (Sample sample : Stream.concat(SAMPLES.stream(), SPARSE_SAMPLES.stream()).toList()) {
            try {
                renderings.add(Rendering.of(key.language(), sample, renderer.render(key, sample.model())));
            } catch (EmailTemplateException e) {
                findings.add(new LintFinding(key.fileName(), LintRule.RENDER, e.getMessage() + " (sample: " + sample.name() + ")"));
                return findings;
            }
        }
        firstProblem(renderings, TemplateLinter::missingValue)
                .ifPresent(problem -> findings.add(new LintFinding(key.fileName(), LintRule.MISSING_VALUE, problem)));
        List<Rendering> sampleLeads = renderings.subList(0, SAMPLES.size());
        // One finding per rule: the first sample that breaks it is enough to fix the template.
        for (Check check : CHECKS) {
            firstProblem(sampleLeads, check.problem())
                    .ifPresent(problem -> findings.add(new LintFinding(key.fileName(), check.rule(), problem)));
        }
        return findings;
    }

    private static Optional<String> firstProblem(List<Rendering> renderings, Function<Rendering, Optional<String>> check) {
        return renderings.stream()
                .flatMap(rendering -> check.apply(rendering).map(problem -> problem + " (sample: " + rendering.sample().name() + ")").stream())
                .findFirst();
    }

    /** The part every template of a language includes after its greeting. */
    static String openingOf(String language) {
        return EmailTemplateCatalog.PART_PREFIX + "opening." + language + ".ftl";
    }

    /**
     * A lead of every origin without any of its optional fields, and without each one of them, as every kind of email.
     * (The property test TemplatesAlwaysRenderTest goes through every combination of missing fields.)
     */
    private static List<Sample> sparseSamples() {
        EmailModel base = SAMPLES.getFirst().model();
        List<Set<String>> leftOut = new ArrayList<>(OPTIONAL_FIELDS.stream().map(Set::of).toList());
        leftOut.add(Set.copyOf(OPTIONAL_FIELDS));
        List<Sample> samples = new ArrayList<>();
        for (Set<String> without : leftOut) {
            for (Origin origin : ORIGINS) {
                Lead lead = without(base.lead(), origin, without);
                String leadName = Stream.of(origin.type(), origin.source(), origin.topic(), origin.event(), origin.referredBy())
                        .filter(Objects::nonNull).collect(Collectors.joining(" ")) + " without " + new TreeSet<>(without);
                for (Attempt attempt : ATTEMPTS) {
                    samples.add(new Sample(leadName + ", " + attempt,
                            new EmailModel(lead, base.rep(), attempt, base.content(), base.unsubscribeUrl())));
                }
            }
        }
        return samples;
    }

    /** The lead as it came by {@code origin}, with the optional fields named left out. */
    static Lead without(Lead lead, Origin origin, Set<String> missing) {
        return new Lead(unless(missing, "firstName", lead.firstName()), unless(missing, "lastName", lead.lastName()),
                unless(missing, "company", lead.company()), unless(missing, "jobTitle", lead.jobTitle()),
                unless(missing, "industry", lead.industry()), unless(missing, "country", lead.country()), origin);
    }

    private static String unless(Set<String> missing, String field, String value) {
        return missing.contains(field) ? null : value;
    }

    private static Optional<String> missingValue(Rendering rendering) {
        return leftOutValue(rendering.email());
    }

    /** Where the email reads as if a value were left out ("Hi ,"), if it does; its links aside. */
    static Optional<String> leftOutValue(RenderedEmail email) {
        Matcher gap = GAP.matcher(URL.matcher(email.subject() + "\n" + email.textBody()).replaceAll("url"));
        return gap.find() ? Optional.of("reads as if a value were left out at \"" + gap.group() + "\": give the value a default, or"
                + " leave its words out with <#if lead.company??>…</#if>") : Optional.empty();
    }

    private static Optional<String> signature(Rendering rendering) {
        return rendering.signed() ? Optional.empty()
                : Optional.of("no line \"--\" between the message and the signature");
    }

    private static Optional<String> wordLimit(Rendering rendering) {
        long words = Arrays.stream(rendering.message().split("\\s+"))
                .filter(word -> word.codePoints().anyMatch(Character::isLetterOrDigit))
                .count();
        return words < WORD_LIMIT ? Optional.empty()
                : Optional.of(words + " words; the message must be under " + WORD_LIMIT);
    }

    private static Optional<String> readerFocus(Rendering rendering) {
        PronounCounts counts = rendering.pronouns();
        return counts.reader() >= 2 * counts.sender() ? Optional.empty()
                : Optional.of("mentions the reader " + counts.reader() + " times and the sender " + counts.sender()
                + " times; the reader needs at least twice as many");
    }

    private static Optional<String> endsWithQuestion(Rendering rendering) {
        String[] lines = rendering.message().strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.endsWith("?") ? Optional.empty()
                : Optional.of("the message must end with a question, but its last line is \"" + last + "\"");
    }

    private static Optional<String> unsubscribeLink(Rendering rendering) {
        return rendering.email().textBody().contains(rendering.sample().model().unsubscribeUrl()) ? Optional.empty()
                : Optional.of("the body does not print ${unsubscribeUrl}");
    }

    private static Optional<String> unsubscribeHtmlLink(Rendering rendering) {
        String url = HTMLOutputFormat.INSTANCE.escapePlainText(rendering.sample().model().unsubscribeUrl());
        return !rendering.email().htmlBody().contains(url) || rendering.email().htmlBody().contains("<a href=\"" + url + "\">")
                ? Optional.empty()
                : Optional.of("the HTML part shows ${unsubscribeUrl} as text, not as a link: give it a word of its own"
                + " (a space or line break before it, a space, line break or punctuation after it)");
    }

    /** A first email aside: its opening may name what the lead downloaded ("the ebook"), which it does not offer. */
    private static Optional<String> contentLink(Rendering rendering) {
        if (rendering.sample().model().attempt().firstEmail()) {
            return Optional.empty();
        }
        Matcher promise = CONTENT_PROMISES.getOrDefault(rendering.language(), Pattern.compile("(?!)"))
                .matcher(rendering.email().subject() + "\n" + rendering.message());
        return !promise.find() || rendering.email().textBody().contains(rendering.sample().model().content().url())
                ? Optional.empty()
                : Optional.of("offers content (\"" + promise.group() + "\") but does not print its link ${content.url}");
    }

    /** Every "?" closes an "¿" opened before it on its line (URLs aside, whose "?" starts a query). */
    private static Optional<String> spanishQuestion(Rendering rendering) {
        if (!"es".equals(rendering.language())) {
            return Optional.empty();
        }
        String text = URL.matcher(rendering.email().subject() + "\n" + rendering.email().textBody()).replaceAll(" ");
        for (String line : text.split("\n")) {
            int open = 0;
            int questionStart = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '¿') {
                    open++;
                } else if (line.charAt(i) == '?') {
                    if (open == 0) {
                        return Optional.of("the question \"" + line.substring(questionStart, i + 1).strip() + "\" does not open with ¿");
                    }
                    open--;
                    questionStart = i + 1;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> spanishRegister(Rendering rendering) {
        PronounCounts counts = rendering.pronouns();
        return counts.usesTu() && counts.usesUsted()
                ? Optional.of("mixes tú and usted; address the reader one way")
                : Optional.empty();
    }

    private record Sample(String name, EmailModel model) {
    }

    private record Check(LintRule rule, Function<Rendering, Optional<String>> problem) {
    }

    /** One template rendered for one sample, split at the signature line. */
    private record Rendering(String language, Sample sample, RenderedEmail email, String message, boolean signed) {

        static Rendering of(String language, Sample sample, RenderedEmail email) {
            String[] messageAndSignature = SIGNATURE_LINE.split(email.textBody(), 2);
            return new Rendering(language, sample, email, messageAndSignature[0], messageAndSignature.length == 2);
        }

        PronounCounts pronouns() {
            return PronounCounts.of(message, language);
        }
    }
}
