package io.leadflow.sequence;

import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.TemplateKey;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Period;
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
 * @param outOfOfficePause   how long a lead's out-of-office reply that names no day of return pauses the sequence,
 *                           from the day it arrives; one that names a day pauses it until the day after
 * @param softBounceLimit    the temporary bounces (4.x.x) of a lead's sequence emails, one per email, that count as a
 *                           hard bounce: the sequence ends and the address is suppressed
 */
@ConfigurationProperties(prefix = "leadflow.sequence")
public record SequenceProperties(@DefaultValue("14") int windowDays,
                                 @DefaultValue({"awareness", "awareness", "consideration", "consideration", "decision"})
                                 List<String> journeyStageByStep,
                                 String unsubscribeSecret,
                                 Map<String, Map<String, Content>> content,
                                 @DefaultValue("7d") Period outOfOfficePause,
                                 @DefaultValue("3") int softBounceLimit) {

    public SequenceProperties {
        if (outOfOfficePause.isNegative() || outOfOfficePause.isZero()) {
            throw new IllegalArgumentException("leadflow.sequence.out-of-office-pause must be at least a day, not " + outOfOfficePause);
        }
        if (softBounceLimit < 1) {
            throw new IllegalArgumentException("leadflow.sequence.soft-bounce-limit must be at least 1, not " + softBounceLimit);
        }
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
