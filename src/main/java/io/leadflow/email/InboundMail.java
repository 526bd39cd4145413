package io.leadflow.email;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A mail arrived in leadflow's inbox about one of the mails leadflow sent to a lead.
 *
 * @param intent         for a person's reply, what it means; null for any other kind
 * @param intentPhrase   the reply's words that told its intent; null when none did (a reply is engagement) and for
 *                       any other kind
 * @param referral       for a reply saying the lead is the wrong person, the address it gives of who to talk to; else null
 * @param sentMessageId  the Message-ID of leadflow's mail it is about (the bounced one, the one answered)
 * @param returnsOn      for an out-of-office reply, the day the lead said they are back; for a reply saying "not now",
 *                       the latest later day its words name (when to come back); null when it gave none and for any
 *                       other kind
 * @param deliveryStatus for a bounce, the RFC 3463 status the receiving server reported (5.1.1, 4.2.2); else null
 */
public record InboundMail(UUID leadId, Kind kind, String messageId, String subject, ReplyIntent intent, String intentPhrase,
                          String referral, String sentMessageId, LocalDate returnsOn, String deliveryStatus) {

    /**
     * A person's reply; an automatic reply telling of an absence (out of office) or any other one (a ticket system, an
     * unmonitored mailbox); a permanent or temporary bounce.
     */
    public enum Kind { REPLY, OUT_OF_OFFICE, AUTO_REPLY, HARD_BOUNCE, SOFT_BOUNCE }
}
