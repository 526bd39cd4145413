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

    public record Lead(String firstName, String lastName, String company, String jobTitle, String industry,
                       String country) {
    }

    public record Rep(String name, String email) {
    }

    /**
     * Which touch of the sequence this email is, e.g. step 2 of 5; {@code afterMissedCall}: it follows a call of
     * that step that did not connect (no answer, wrong number), so it can say so.
     */
    public record Attempt(int step, int total, boolean afterMissedCall) {
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
