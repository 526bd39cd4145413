package io.leadflow.email;

import io.leadflow.platform.RetryBackoff;
import io.leadflow.platform.WorkQueue;
import io.leadflow.platform.WorkQueues;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * Sends what the outbox holds over SMTP: the outbox is a {@link WorkQueue} whose rows are locked while they are sent,
 * drained on a thread of its own (a backlog holds up no other queue or scheduled task) over one connection per drain.
 * Each mail is sent in a transaction of its own and marked sent right after the server took it: a crash resends at most
 * the one mail in flight, with the same Message-ID. When the server is down the mail stays pending and is retried with
 * exponential backoff (capped), and goes out once the server is back; a mail the server refuses for good (5xx), or
 * that keeps failing for {@code leadflow.mail.retry.give-up-after}, is given up (FAILED).
 * <p>
 * The one place mail headers are built. A mail sent for a rep is from the rep (or from leadflow's address under
 * the rep's name, {@code leadflow.mail.send-as}) with Reply-To the rep and leadflow's inbox: the lead's reply reaches
 * a person, and the inbox poller still sees it and ends the sequence. Bounces always go to leadflow's inbox.
 */
@Component
class MailDispatcher implements WorkQueue.Worker<MailOutbox.PendingMail> {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    /** Long enough for the mail in flight to finish within the SMTP timeouts: a stop ends the drain after it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final String CHARSET = StandardCharsets.UTF_8.name();
    /** 45 bytes make 60 Base64 characters, 72 with the word's delimiters: within RFC 2047's 75. */
    private static final int ENCODED_WORD_BYTES = 45;

    private final MailOutbox outbox;
    private final SmtpConnection smtp;
    private final ConnectedMailboxes mailboxes;
    private final MailProperties settings;
    private final RetryBackoff retry;
    private final InternetAddress leadflow;
    private final MeterRegistry meters;
    private final Counter failed;
    private final Counter retried;
    private final WorkQueue<MailOutbox.PendingMail> queue;

    MailDispatcher(MailOutbox outbox, SmtpConnection smtp, ConnectedMailboxes mailboxes, WorkQueues workQueues,
                   MailProperties settings, MeterRegistry meters) throws AddressException {
        this.mailboxes = mailboxes;
        this.meters = meters;
        // At zero from the start: an alert on failures needs the series before the first one.
        this.failed = Counter.builder("leadflow.mail.failed").description("Sending attempts the SMTP server refused or could not take")
                .register(meters);
        this.retried = Counter.builder("leadflow.mail.retried").description("Sending attempts of mail that failed before")
                .register(meters);
        this.outbox = outbox;
        this.smtp = smtp;
        this.settings = settings;
        this.retry = settings.retry().backoff();
        this.leadflow = new InternetAddress(settings.from(), true);
        this.queue = workQueues.create("mail", new WorkQueue.Settings(WorkQueue.Claim.LOCK, 1, 1,
                settings.dispatchInterval(), STOP_WAIT), WorkQueue.Store.of(outbox::lockDue, outbox::backlog), this);
    }

    /** The outbox's queue, started and stopped with leadflow. */
    WorkQueue<MailOutbox.PendingMail> queue() {
        return queue;
    }

    /** Hangs up once nothing is due, the server failed a mail or the dispatcher stops. */
    @Override
    public void drained() {
        smtp.close();
    }

    /**
     * Sends the mail, its row locked meanwhile. False when the server did not take it but may later: it is likely down,
     * and the mail waits for its next attempt.
     */
    @Override
    public boolean work(MailOutbox.PendingMail mail) {
        if (mail.attempts() > 0) {
            retried.increment();
        }
        try {
            ConnectedMailbox mailbox = sendingMailbox(mail);
            MimeMessage message = toMime(mail);
            if (mailbox != null) {
                // Its own server sends it as the mailbox's (many refuse another envelope sender); bounces reach its inbox, which leadflow reads.
                ((SMTPMessage) message).setEnvelopeFrom(mailbox.address());
            }
            smtp.send(message, mailbox);
        } catch (MessagingException e) {
            failed.increment();
            return notSent(mail, e);
        }
        outbox.markSent(mail.idempotencyKey());
        countSent(mail);
        return true;
    }

    /** The rep's connected mailbox a mail from the rep goes out through; null: leadflow's server. */
    private ConnectedMailbox sendingMailbox(MailOutbox.PendingMail mail) {
        return mail.sender() == null || settings.sendAs() != MailProperties.SendAs.REP ? null
                : mailboxes.sendingMailbox(mail.sender().address()).orElse(null);
    }

    /** By kind (the outbox key's prefix: sequence, rep-notification, sla-breach), never by recipient. */
    private void countSent(MailOutbox.PendingMail mail) {
        String key = mail.idempotencyKey();
        Counter.builder("leadflow.mail.sent").description("Mail sent over SMTP").tag("kind", key.contains(":") ? key.substring(0, key.indexOf(':')) : "other")
                .register(meters).increment();
    }

    /**
     * A refusal for good, or failures for {@code leadflow.mail.retry.give-up-after}, leave the mail FAILED for a
     * manager's retry; any other failure is tried again with backoff. True when the server is up and the drain goes on.
     */
    private boolean notSent(MailOutbox.PendingMail mail, MessagingException e) {
        SendFailure failure = SendFailure.of(e);
        Duration retryIn = retry.afterFailures(mail.attempts() + 1);
        if (outbox.markFailed(mail, failure, retryIn)) {
            log.warn("Mail {} not sent (attempt {}) and given up, {}: {}", mail.messageId(), mail.attempts() + 1,
                    failure.permanent() ? "refused for good" : "failing too long", failure.error());
        } else {
            log.warn("Mail {} not sent (attempt {}), retrying in {}: {}", mail.messageId(), mail.attempts() + 1, retryIn, failure.error());
        }
        return failure.permanent();
    }

    MimeMessage toMime(MailOutbox.PendingMail mail) throws MessagingException {
        MimeMessage message = new LeadflowMessage(smtp.session(), mail.messageId(), settings.inbox().address());
        MimeMessageHelper helper = new MimeMessageHelper(message, mail.htmlBody() != null, CHARSET) {
            /** Spring's own would read its table of MIME types anew for every mail; leadflow attaches no files. */
            @Override
            protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return FileTypeMap.getDefaultFileTypeMap();
            }
        };
        helper.setFrom(from(mail.sender()));
        helper.setTo(address(mail.recipient()));
        if (mail.sender() != null) {
            message.setReplyTo(replyTo(mail.sender()));
        }
        helper.setSubject(headerText(mail.subject()));
        if (mail.htmlBody() != null) {
            helper.setText(mail.textBody(), mail.htmlBody());
        } else {
            helper.setText(mail.textBody());
        }
        for (var header : mail.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        return message;
    }

    private InternetAddress from(Mailbox rep) throws MessagingException {
        if (rep == null) {
            return leadflow;
        }
        return address(new Mailbox(rep.name(), settings.senderAddress(rep.address())));
    }

    /** The rep, who answers the lead, and leadflow's inbox, where the poller notices the reply. */
    private Address[] replyTo(Mailbox rep) throws MessagingException {
        List<Address> replyTo = new ArrayList<>(List.of(address(rep)));
        if (settings.inbox().enabled()) {
            replyTo.add(address(new Mailbox(leadflow.getPersonal(), settings.inbox().address())));
        }
        return replyTo.toArray(Address[]::new);
    }

    private static InternetAddress address(Mailbox mailbox) throws MessagingException {
        try {
            return mailbox.name() == null || mailbox.name().isBlank() ? new InternetAddress(mailbox.address(), true)
                    : new InternetAddress(mailbox.address(), headerText(mailbox.name()), CHARSET);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /**
     * Text for a header a mail client decodes (a subject, a display name). Jakarta Mail leaves ASCII as it is, so a
     * lead named "=?UTF-8?Q?=0D=0ABcc:_x@evil?=" would reach the header as an RFC 2047 encoded word that clients decode
     * into a line break and a forged header. Text with "=?" is therefore encoded itself: it decodes to what was typed.
     */
    static String headerText(String text) {
        if (!text.contains("=?")) {
            return text;
        }
        StringJoiner words = new StringJoiner(" ");
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        text.codePoints().forEach(codePoint -> {
            byte[] bytes = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
            if (word.size() + bytes.length > ENCODED_WORD_BYTES) {
                words.add(encodedWord(word.toByteArray()));
                word.reset();
            }
            word.writeBytes(bytes);
        });
        return words.add(encodedWord(word.toByteArray())).toString();
    }

    private static String encodedWord(byte[] utf8) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(utf8) + "?=";
    }

    /**
     * Keeps the Message-ID leadflow chose (Jakarta Mail would make a new one on save), so replies can be matched, and
     * gives leadflow's inbox as the envelope sender, so bounces reach it whoever the mail is from.
     */
    private static final class LeadflowMessage extends SMTPMessage {

        private final String messageId;

        LeadflowMessage(Session session, String messageId, String bounceAddress) {
            super(session);
            this.messageId = messageId;
            setEnvelopeFrom(bounceAddress);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
