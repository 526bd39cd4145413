package io.leadflow.email;

/** A rendered sequence email: a one-line subject and the same body as plain text and as HTML. */
public record RenderedEmail(String subject, String textBody, String htmlBody) {
}
