package io.leadflow.email;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A mail leadflow means to send. The idempotency key names the reason for sending (e.g. a lead's
 * attempt), so the same reason never produces a second mail.
 *
 * @param sender the person the mail is from, whom replies reach (a lead's rep); null: leadflow itself
 */
public record OutgoingMail(String idempotencyKey, UUID leadId, Mailbox recipient, Mailbox sender, String subject,
                           String textBody, String htmlBody, Map<String, String> headers) {

    private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n]");

    /** A line break in a header value would start a new header: refuse it here, whatever the caller checked. */
    public OutgoingMail {
        headers = Map.copyOf(headers);
        requireSingleLine("recipient", recipient.address());
        requireSingleLineOrNull("recipient name", recipient.name());
        if (sender != null) {
            requireSingleLine("sender", sender.address());
            requireSingleLineOrNull("sender name", sender.name());
        }
        requireSingleLine("subject", subject);
        headers.forEach(OutgoingMail::requireSingleLine);
    }

    /** A mail from leadflow itself to an address. */
    public OutgoingMail(String idempotencyKey, UUID leadId, String recipient, String subject, String textBody,
                        String htmlBody, Map<String, String> headers) {
        this(idempotencyKey, leadId, Mailbox.of(recipient), null, subject, textBody, htmlBody, headers);
    }

    private static void requireSingleLineOrNull(String name, String value) {
        if (value != null) {
            requireSingleLine(name, value);
        }
    }

    private static void requireSingleLine(String name, String value) {
        if (value == null || LINE_BREAK.matcher(value).find()) {
            throw new IllegalArgumentException("Mail header " + name + " must be a single line");
        }
    }
}
