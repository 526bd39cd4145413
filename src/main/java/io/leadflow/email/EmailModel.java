package io.leadflow.email;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template can use: {@code lead}, {@code rep}, {@code attempt}, {@code content} and {@code unsubscribeUrl}.
 * A lead field may be null; a template that prints it without a default then fails to render.
 */
public record EmailModel(Lead lead, Rep rep, Attempt attempt, Content content, String unsubscribeUrl) {

    public EmailModel {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(rep, "rep");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
    }

    /** The lead as the email addresses it; {@code origin} says how it came, for the first email's opening line. */
    public record Lead(String firstName, String lastName, String company, String jobTitle, String industry,
                       String country, Origin origin) {

        public Lead {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * How the lead came: {@code type} is {@code form-fill}, {@code company-visit}, {@code trigger-event},
     * {@code referral} or {@code research}; {@code source} where a form fill came from (ebook, webinar, blog…),
     * {@code topic} what the lead or someone at its company read on the site, in words; {@code event} a trigger
     * event's kind (funding, hiring, news, social-mention); {@code referredBy} who introduced the lead. Null when unknown.
     */
    public record Origin(String type, String source, String topic, String event, String referredBy) {

        public Origin {
            Objects.requireNonNull(type, "type");
        }
    }

    public record Rep(String name, String email) {
    }

    /**
     * Which touch of the sequence this email is, e.g. step 2 of 5; {@code afterMissedCall}: it follows a call of
     * that step that did not connect (no answer, wrong number), so it can say so; {@code firstEmail}: no email of the
     * sequence went before it, so it opens by how the lead came; {@code afterConnectedCall}: it follows a call that
     * connected, with the awareness content the call promised.
     */
    public record Attempt(int step, int total, boolean afterMissedCall, boolean firstEmail, boolean afterConnectedCall) {
    }

    /** The piece of the content library (a guide, a case study…) the email offers, by its title and link. */
    public record Content(String title, String url) {

        public Content {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(url, "url");
        }
    }

    Map<String, Object> asTemplateData() {
        return Map.of("lead", lead, "rep", rep, "attempt", attempt, "content", content, "unsubscribeUrl", unsubscribeUrl);
    }

    /** The links the email's HTML part shows as links. */
    List<String> links() {
        return List.of(unsubscribeUrl, content.url());
    }
}
