package io.leadflow.sequence;

import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.TemplateKey;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
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
 * @param tracking           opens and clicks of sequence emails
 * @param variants           A/B variants per step: step number → variant name → weight; {@value #CONTROL} is the step's
 *                           own template, another name {@code b} its template's file {@code ….b.ftl}. A step not named
 *                           has no variants
 */
@ConfigurationProperties(prefix = "leadflow.sequence")
public record SequenceProperties(@DefaultValue("14") int windowDays,
                                 @DefaultValue({"awareness", "awareness", "consideration", "consideration", "decision"})
                                 List<String> journeyStageByStep,
                                 String unsubscribeSecret,
                                 Map<String, Map<String, Content>> content,
                                 @DefaultValue("7d") Period outOfOfficePause,
                                 @DefaultValue("3") int softBounceLimit,
                                 @DefaultValue Tracking tracking,
                                 Map<Integer, Map<String, Integer>> variants) {

    /** The variant that sends the step's own template, the one the others are compared with. */
    public static final String CONTROL = "a";

    public SequenceProperties {
        if (outOfOfficePause.isNegative() || outOfOfficePause.isZero()) {
            throw new IllegalArgumentException("leadflow.sequence.out-of-office-pause must be at least a day, not " + outOfOfficePause);
        }
        if (softBounceLimit < 1) {
            throw new IllegalArgumentException("leadflow.sequence.soft-bounce-limit must be at least 1, not " + softBounceLimit);
        }
        content = content == null ? Map.of() : Map.copyOf(content);
        variants = variants == null ? Map.of() : Map.copyOf(variants);
        variants.forEach(SequenceProperties::requireVariants);
        for (String stage : TemplateKey.STAGES) {
            for (String language : TemplateKey.LANGUAGES) {
                if (content.getOrDefault(stage, Map.of()).get(language) == null) {
                    throw new IllegalArgumentException("leadflow.sequence.content." + stage + "." + language
                            + " is missing: the " + stage + " emails in " + language + " need the title and url of what they offer");
                }
            }
        }
    }

    private static void requireVariants(int step, Map<String, Integer> weights) {
        String setting = "leadflow.sequence.variants." + step;
        if (weights.size() < 2 || !weights.containsKey(CONTROL)) {
            throw new IllegalArgumentException(setting + " must name two or more variants, one of them " + CONTROL
                    + " (the step's own template), was " + weights.keySet());
        }
        weights.forEach((name, weight) -> {
            if (!TemplateKey.isVariant(name) || weight == null || weight < 0) {
                throw new IllegalArgumentException(setting + "." + name
                        + ": a variant is a lower-case name (letters, digits, '-') with a weight of 0 or more");
            }
        });
        if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException(setting + ": the weights add up to 0");
        }
    }

    /**
     * Opens and clicks of sequence emails: a signed one-pixel image and signed redirect links.
     *
     * @param enabled            off: emails carry neither, and a link of an earlier email still redirects without
     *                           anything being recorded (a privacy policy may ask for it)
     * @param prefetchWindow     an open or click this soon after the email was sent is a mail-privacy proxy or a link
     *                           scanner fetching it, not the lead
     * @param machineUserAgents  regular expressions (case-insensitive, found anywhere) of the user agents of
     *                           mail-privacy proxies and link scanners; their fetches are counted apart
     */
    public record Tracking(@DefaultValue("true") boolean enabled,
                           @DefaultValue("10s") Duration prefetchWindow,
                           @DefaultValue({"GoogleImageProxy", "YahooMailProxy", "ggpht\\.com",
                                   "^Mozilla/5\\.0 \\(Macintosh; Intel Mac OS X [0-9_]+\\) AppleWebKit/[0-9.]+ \\(KHTML.{1,2}like Gecko\\)$",
                                   "Barracuda", "Mimecast", "Proofpoint", "Symantec", "Trend ?Micro", "Forcepoint",
                                   "bot\\b", "crawler", "spider", "preview", "python-requests", "Go-http-client", "okhttp",
                                   "Java/", "curl/", "Wget"})
                           List<String> machineUserAgents) {
    }

    /** The content library's piece for emails of this journey stage and language. */
    public Content content(String stage, String language) {
        return content.get(stage).get(language);
    }
}
