package io.leadflow.email;

import java.util.UUID;

/** A mail arrived in leadflow's inbox about one of the mails leadflow sent to a lead. */
public record InboundMail(UUID leadId, Kind kind, String messageId, String subject) {

    /** A person's reply, an automatic one (out of office), or a permanent or temporary bounce. */
    public enum Kind { REPLY, AUTO_REPLY, HARD_BOUNCE, SOFT_BOUNCE }
}
