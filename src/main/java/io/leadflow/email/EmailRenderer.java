package io.leadflow.email;

import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateScalarModel;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders a sequence template. A template assigns {@code subject} and writes the plain-text body;
 * the HTML body is that text, escaped as a whole, with one paragraph per blank-line-separated block, and the
 * model's links (unsubscribe, content) as links where they stand as words of their own. Nothing else becomes a
 * link: a lead who types a URL as their name must not get a clickable link into a mail from the rep.
 */
@Component
public class EmailRenderer {

    /** Line breaks and other control characters in a subject would let a lead's data add mail headers. */
    private static final String SUBJECT_BREAKERS = "[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+";

    private final Configuration freemarker;
    private final Set<String> parts;

    public EmailRenderer(EmailTemplateCatalog catalog) {
        StringTemplateLoader loader = new StringTemplateLoader();
        catalog.templates().forEach(key -> loader.putTemplate(key.fileName(), catalog.source(key)));
        catalog.parts().forEach(loader::putTemplate);
        freemarker = strictConfiguration(loader);
        parts = catalog.parts().keySet();
    }

    /** The Freemarker settings every leadflow mail template is rendered with. */
    static Configuration strictConfiguration(TemplateLoader loader) {
        Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setTemplateLoader(loader);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocalizedLookup(false);
        freemarker.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        // Strict: a missing value fails the render instead of sending "Hi ," to a lead.
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        // Templates are edited outside development, so they must not instantiate Java classes.
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        // Numbers such as attempt.step print as 1000, not "1,000", whatever the server's locale.
        freemarker.setNumberFormat("computer");
        return freemarker;
    }

    /** @throws EmailTemplateException when the template is unknown, has no subject, or uses a missing value */
    public RenderedEmail render(TemplateKey key, EmailModel model) {
        return render(freemarker, key.fileName(), model.asTemplateData(), model.links());
    }

    /**
     * The line a lead's first email opens with, by how it came ({@code _opening.<language>.ftl}), on one line; empty
     * when there is no opening in the lead's language (a tag such as "es-MX" counts as "es").
     */
    public String firstTouchOpening(EmailModel.Lead lead, String language) {
        String part = "_opening." + (language == null ? "" : language.toLowerCase(Locale.ROOT).split("[-_]", 2)[0]) + ".ftl";
        if (!parts.contains(part)) {
            return "";
        }
        try {
            StringWriter output = new StringWriter();
            freemarker.getTemplate(part).process(Map.of("lead", lead, "attempt", new EmailModel.Attempt(1, 1, false, true, false)), output);
            return output.toString().strip().replaceAll("\\s+", " ");
        } catch (IOException | TemplateException e) {
            throw new EmailTemplateException(part + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders a template that assigns {@code subject} and writes the plain-text body; {@code links} are the URLs the
     * HTML part shows as links.
     */
    static RenderedEmail render(Configuration freemarker, String templateName, Map<String, Object> data, List<String> links) {
        try {
            StringWriter output = new StringWriter();
            Environment environment = freemarker.getTemplate(templateName).createProcessingEnvironment(data, output);
            environment.process();
            String subject = subject(templateName, environment.getMainNamespace().get("subject"));
            String text = output.toString().replaceAll("\\R", "\n").strip();
            return new RenderedEmail(subject, text, html(text, links));
        } catch (IOException | TemplateException e) {
            throw new EmailTemplateException(templateName + ": " + e.getMessage(), e);
        }
    }

    private static String subject(String templateName, TemplateModel assigned) throws TemplateException {
        if (!(assigned instanceof TemplateScalarModel scalar)) {
            throw new EmailTemplateException(templateName + ": must start with <#assign subject>…</#assign>");
        }
        return scalar.getAsString().replaceAll(SUBJECT_BREAKERS, " ").strip();
    }

    private static String html(String text, List<String> links) {
        Pattern linked = linkPattern(links);
        String paragraphs = Arrays.stream(text.split("\n\\s*\n"))
                .map(paragraph -> "<p>" + linked.matcher(escape(paragraph)).replaceAll("<a href=\"$0\">$0</a>")
                        .replace("\n", "<br>\n") + "</p>")
                .collect(Collectors.joining("\n"));
        return "<html><body>\n" + paragraphs + "\n</body></html>";
    }

    /**
     * The escaped links, each standing as a word: after a space, a line start or an opening bracket or quote, and
     * before a space, a line end or closing punctuation. A link glued to other text is left as text.
     */
    private static Pattern linkPattern(List<String> links) {
        if (links.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        String alternatives = links.stream().map(EmailRenderer::escape).sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("(?<![^\\s(\\[«“])(?:" + alternatives + ")(?![^\\s).,;:!?\\]»”])");
    }

    private static String escape(String text) {
        return HTMLOutputFormat.INSTANCE.escapePlainText(text);
    }
}
