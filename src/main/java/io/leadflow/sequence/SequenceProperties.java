package io.leadflow.sequence;

import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.TemplateKey;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * The connect stage's settings ({@code leadflow.sequence.*}); the cadence itself (steps, channels,
 * spacing) is in processes/sequence-cadence.dmn, the first attempt's SLA in {@code leadflow.assignment}.
 *
 * @param windowDays         the days the attempts are spread over, counted from the sequence's start
 * @param journeyStageByStep the buyer-journey stage of each attempt's email, step 1 first; picks the templates
 * @param unsubscribeSecret  signs one-click unsubscribe links (environment LEADFLOW_UNSUBSCRIBE_SECRET; outside the dev
 *                           profile required, in it generated and kept in the database when unset)
 * @param content            the content library: by journey stage, then language, the piece (title and url) an email
 *                           of that stage offers, {@code ${content.title}} and {@code ${content.url}} in the templates;
 *                           every stage needs one in every language
 */
@ConfigurationProperties(prefix = "leadflow.sequence")
public record SequenceProperties(@DefaultValue("14") int windowDays,
                                 @DefaultValue({"awareness", "awareness", "consideration", "consideration", "decision"})
                                 List<String> journeyStageByStep,
                                 String unsubscribeSecret,
                                 Map<String, Map<String, Content>> content) {

    public SequenceProperties {
        content = content == null ? Map.of() : Map.copyOf(content);
        for (String stage : TemplateKey.STAGES) {
            for (String language : TemplateKey.LANGUAGES) {
                if (content.getOrDefault(stage, Map.of()).get(language) == null) {
                    throw new IllegalArgumentException("leadflow.sequence.content." + stage + "." + language
                            + " is missing: the " + stage + " emails in " + language + " need the title and url of what they offer");
                }
            }
        }
    }

    /** The content library's piece for emails of this journey stage and language. */
    public Content content(String stage, String language) {
        return content.get(stage).get(language);
    }
}
