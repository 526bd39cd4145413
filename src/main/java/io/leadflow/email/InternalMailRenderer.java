package io.leadflow.email;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Renders the mails leadflow sends to its own people (reps, managers) from email-templates/internal/. */
@Component
public class InternalMailRenderer {

    private final Configuration freemarker =
            EmailRenderer.strictConfiguration(new ClassTemplateLoader(InternalMailRenderer.class, "/email-templates/internal"));

    public RenderedEmail render(String templateName, Map<String, Object> data) {
        return EmailRenderer.render(freemarker, templateName + ".ftl", data, List.of());
    }
}
