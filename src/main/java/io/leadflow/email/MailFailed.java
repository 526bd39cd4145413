package io.leadflow.email;

import java.util.UUID;

/**
 * A mail leadflow gave up sending: the server refused it for good, or kept failing for
 * {@code leadflow.mail.retry.give-up-after}. It stays in the outbox as FAILED until a manager retries it.
 *
 * @param leadId         the lead it was about; null for a mail about none
 * @param idempotencyKey its key in the outbox, the one a retry names
 * @param messageId      its Message-ID
 * @param subject        its subject
 * @param error          the server's last answer (or the failure), in one line
 * @param permanent      the server refused it for good (a 5xx), rather than failing for too long
 */
public record MailFailed(UUID leadId, String idempotencyKey, String messageId, String subject, String error,
                         boolean permanent) {
}
