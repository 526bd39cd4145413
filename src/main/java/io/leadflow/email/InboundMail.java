package io.leadflow.email;

import java.util.UUID;

/**
 * A mail arrived in leadflow's inbox about one of the mails leadflow sent to a lead.
 *
 * @param intent       for a person's reply, what it means; null for any other kind
 * @param intentPhrase the reply's words that told its intent; null when none did (a reply is engagement) and for
 *                     any other kind
 */
public record InboundMail(UUID leadId, Kind kind, String messageId, String subject, ReplyIntent intent, String intentPhrase) {

    /** A person's reply, an automatic one (out of office), or a permanent or temporary bounce. */
    public enum Kind { REPLY, AUTO_REPLY, HARD_BOUNCE, SOFT_BOUNCE }
}
