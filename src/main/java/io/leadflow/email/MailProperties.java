package io.leadflow.email;

import io.leadflow.platform.RetryBackoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How leadflow sends and reads mail ({@code leadflow.mail.*}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from             the sender of every mail leadflow sends as itself (to reps and managers), and the name of
 *                         its inbox in a Reply-To
 * @param sendAs           who a sequence email is from: {@code rep}, the lead's rep (name and address), or
 *                         {@code leadflow}, leadflow's address under the rep's name; either way replies go to the rep
 *                         and to leadflow's inbox (Reply-To), so a person reads them and the sequence ends
 * @param messageIdDomain  the domain part of the Message-IDs leadflow gives its mails
 * @param dispatchInterval how long the dispatcher waits, once nothing is due, before it looks at the outbox again
 * @param retry            how a mail the server could not take is tried again, and when leadflow gives up
 * @param embedded         the embedded SMTP and IMAP server (GreenMail) of the default setup
 * @param inbox            the mailbox replies and bounces arrive in
 * @param limits           how many sequence emails each mailbox (the sender address) sends an hour and a day
 * @param mailboxes        the reps' own mailboxes leadflow sends through and reads
 */
@ConfigurationProperties(prefix = "leadflow.mail")
public record MailProperties(@DefaultValue("leadflow <leadflow@leadflow.local>") String from,
                             @DefaultValue("rep") SendAs sendAs,
                             @DefaultValue("leadflow.local") String messageIdDomain,
                             @DefaultValue("PT0.2S") Duration dispatchInterval,
                             @DefaultValue Retry retry, @DefaultValue Embedded embedded, @DefaultValue Inbox inbox,
                             @DefaultValue Limits limits, @DefaultValue Mailboxes mailboxes) {

    /** Whose address a mail sent for a rep carries in From. */
    public enum SendAs { REP, LEADFLOW }

    /** The address in From of a mail sent for the rep with this address ({@link #sendAs}). */
    public String senderAddress(String repAddress) {
        if (sendAs == SendAs.REP) {
            return repAddress;
        }
        try {
            return new InternetAddress(from, true).getAddress();
        } catch (AddressException e) {
            throw new IllegalStateException("leadflow.mail.from is not an address: " + from, e);
        }
    }

    /** The mailbox, a sending limit's key, of a mail sent for the rep with this address: its sender, in lower case. */
    public String mailboxOf(String repAddress) {
        return senderAddress(repAddress).toLowerCase(Locale.ROOT);
    }

    /**
     * @param first       the wait after a mail's first failure
     * @param max         the longest wait between tries
     * @param giveUpAfter how long a mail may keep failing (no connection, a 4xx) before it is FAILED and waits for a
     *                    manager's retry; a 5xx refusal makes it FAILED at once
     */
    public record Retry(@DefaultValue("PT5S") Duration first, @DefaultValue("PT10M") Duration max,
                        @DefaultValue("P1D") Duration giveUpAfter) {

        public Retry {
            if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
                throw new IllegalArgumentException("leadflow.mail.retry.give-up-after must be positive");
            }
        }

        public RetryBackoff backoff() {
            return new RetryBackoff(first, max);
        }
    }

    /**
     * @param enabled start the embedded server, listening for SMTP on {@code spring.mail.port} and for IMAP on
     *                {@code leadflow.mail.inbox.port} (the development build only)
     */
    public record Embedded(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param enabled      read the inbox
     * @param address      its address, also the IMAP login
     * @param password     the IMAP password
     * @param host         the IMAP server
     * @param port         the IMAP port (the embedded server's too)
     * @param pollInterval how often it is read
     */
    public record Inbox(@DefaultValue("true") boolean enabled, @DefaultValue("leadflow@leadflow.local") String address,
                        String password, @DefaultValue("127.0.0.1") String host, @DefaultValue("3143") int port,
                        @DefaultValue("PT5S") Duration pollInterval) {
    }

    /**
     * @param perDay    sequence emails a mailbox sends in a UTC day
     * @param perHour   sequence emails a mailbox sends in an hour (of UTC's clock)
     * @param mailboxes other limits for some mailboxes, by address (lower case); a limit left out is the default's
     */
    public record Limits(@DefaultValue("200") int perDay, @DefaultValue("50") int perHour, Map<String, PerMailbox> mailboxes) {

        public Limits {
            if (perDay < 1 || perHour < 1) {
                throw new IllegalArgumentException("leadflow.mail.limits.per-day and per-hour must be at least 1");
            }
            Map<String, PerMailbox> byAddress = new HashMap<>();
            (mailboxes == null ? Map.<String, PerMailbox>of() : mailboxes).forEach((address, limit) -> {
                if (limit.perDay() != null && limit.perDay() < 1 || limit.perHour() != null && limit.perHour() < 1) {
                    throw new IllegalArgumentException("leadflow.mail.limits.mailboxes." + address + " must be at least 1");
                }
                byAddress.put(address.toLowerCase(Locale.ROOT), limit);
            });
            mailboxes = Map.copyOf(byAddress);
        }

        /** The limit these settings give the mailbox with this address (any case): its own where set, else the default. */
        public SendingLimit of(String address) {
            return mailboxes.getOrDefault(address.toLowerCase(Locale.ROOT), PerMailbox.NONE).over(new SendingLimit(perDay, perHour));
        }

        /**
         * A mailbox's own limits, here or on its connected mailbox ({@link SendingLimits}), each null where a default
         * applies.
         *
         * @param perDay  this mailbox's sequence emails a UTC day
         * @param perHour this mailbox's sequence emails an hour
         */
        public record PerMailbox(Integer perDay, Integer perHour) {

            static final PerMailbox NONE = new PerMailbox(null, null);

            /** This mailbox's limits: its own where set, else {@code otherwise}'s. */
            SendingLimit over(SendingLimit otherwise) {
                return new SendingLimit(Objects.requireNonNullElse(perDay, otherwise.perDay()),
                        Objects.requireNonNullElse(perHour, otherwise.perHour()));
            }
        }
    }

    /**
     * @param secret          encrypts the mailbox passwords managers set (AES-GCM); generated and kept in the database
     *                        in the dev profile when unset, required elsewhere
     * @param firstSyncWindow how far back the first read of a mailbox looks: older mail is history, not a reply to a
     *                        sequence that is running
     * @param maxMessageSize  a larger message is read by its headers only (who it is from, what it answers)
     * @param fetchBatch      how many messages one IMAP fetch asks for
     * @param timeout         how long a mail server may take to connect or answer
     */
    public record Mailboxes(String secret, @DefaultValue("P14D") Duration firstSyncWindow,
                            @DefaultValue("10MB") DataSize maxMessageSize, @DefaultValue("100") int fetchBatch,
                            @DefaultValue("PT10S") Duration timeout) {
    }
}
