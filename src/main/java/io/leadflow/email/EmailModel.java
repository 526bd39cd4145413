package io.leadflow.email;

import java.util.Map;
import java.util.Objects;

/**
 * What a template can use: {@code lead}, {@code rep}, {@code attempt} and {@code unsubscribeUrl}.
 * A lead field may be null; a template that prints it without a default then fails to render.
 */
public record EmailModel(Lead lead, Rep rep, Attempt attempt, String unsubscribeUrl) {

    public EmailModel {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(rep, "rep");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
    }

    public record Lead(String firstName, String lastName, String company, String jobTitle, String industry,
                       String country) {
    }

    public record Rep(String name, String email) {
    }

    /** Which touch of the sequence this email is, e.g. step 2 of 5. */
    public record Attempt(int step, int total) {
    }

    Map<String, Object> asTemplateData() {
        return Map.of("lead", lead, "rep", rep, "attempt", attempt, "unsubscribeUrl", unsubscribeUrl);
    }
}
