package io.leadflow.email;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the mails leadflow sends to its own people (reps, managers) from email-templates/internal/, in the
 * recipient's language: {@code <name>.<language>.ftl}, English ({@code .en.ftl}) where there is no file for it.
 */
@Component
public class InternalMailRenderer {

    private static final String FALLBACK = "en";

    private final Configuration freemarker =
            EmailRenderer.strictConfiguration(new ClassTemplateLoader(InternalMailRenderer.class, "/email-templates/internal"));

    public RenderedEmail render(String templateName, Locale language, Map<String, Object> data) {
        String file = templateName + "." + language.getLanguage() + ".ftl";
        if (InternalMailRenderer.class.getResource("/email-templates/internal/" + file) == null) {
            file = templateName + "." + FALLBACK + ".ftl";
        }
        return EmailRenderer.render(freemarker, file, data, List.of());
    }
}
