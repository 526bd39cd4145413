package io.leadflow.email.internal;

import io.leadflow.email.InboundMail;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.MailProperties;
import io.leadflow.lead.Leads;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a message read in any mailbox means for a lead: it answers one of leadflow's mails (In-Reply-To/References), or
 * it comes from a lead's address (a fresh email to the rep counts as a reply too). Told once per Message-ID, wherever
 * it arrived (the same reply in the rep's mailbox and in leadflow's is one).
 */
@Component
@ConditionalOnProperty(name = "leadflow.mail.inbox.enabled", havingValue = "true", matchIfMissing = true)
class InboundMessages {

    /** What became of a message. */
    enum Outcome { TOLD, ALREADY_TOLD, NOT_ABOUT_A_LEAD, HEADERS_ONLY_TOLD, UNREADABLE }

    /** A message this malformed cannot be read at all; the reader counts it and goes on. */
    static final class UnreadableMessageException extends Exception {
        UnreadableMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_SUBJECT = 500;
    /** The inbound_mail key's length. */
    private static final int MAX_MESSAGE_ID = 300;

    private final InboundMailClassifier classifier;
    private final MailOutbox outbox;
    private final Leads leads;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final long maxMessageBytes;
    private final Session parsing = Session.getInstance(new Properties());

    InboundMessages(InboundMailClassifier classifier, MailOutbox outbox, Leads leads, ApplicationEventPublisher events,
                    JdbcClient jdbc, TransactionTemplate transaction, Clock clock, MailProperties settings) {
        this.classifier = classifier;
        this.outbox = outbox;
        this.leads = leads;
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.maxMessageBytes = settings.mailboxes().maxMessageSize().toBytes();
    }

    /**
     * Tells the message's lead what arrived. Who a message is from and what it answers are in its headers, so a message
     * about no lead is never downloaded; a delivery report is read whole (its original's Message-ID is inside). A message
     * too large, or whose body cannot be parsed (malformed MIME, an unknown charset), is told from its headers.
     * Recording it and telling the lead happen in one transaction: when telling fails (the engine away), the message is
     * read again later.
     */
    Outcome handle(Message message, String fallbackId) throws MessagingException, UnreadableMessageException {
        String messageId = messageId(message, fallbackId);
        boolean large = message.getSize() > maxMessageBytes;
        boolean report = !large && isDeliveryReport(message);
        InboundMailClassifier.Classification classification = report ? classifyWhole(message) : classifyHeaders(message, null);
        Optional<UUID> lead = classification.referencedMessageIds().stream()
                .map(outbox::leadOfMessage).flatMap(Optional::stream).findFirst()
                .or(() -> from(message).flatMap(leads::findByEmail));
        if (lead.isEmpty()) {
            return Outcome.NOT_ABOUT_A_LEAD;
        }
        boolean headersOnly = large;
        if (!report && !large) {
            try {
                classification = classifier.classify(message);
            } catch (IOException | MessagingException | RuntimeException e) {
                headersOnly = true;
            }
        }
        InboundMail event = classification.event(lead.get(), messageId, subject(message));
        Boolean told = transaction.execute(status -> {
            if (!firstTimeSeen(messageId, event)) {
                return false;
            }
            events.publishEvent(event);
            return true;
        });
        return !Boolean.TRUE.equals(told) ? Outcome.ALREADY_TOLD : headersOnly ? Outcome.HEADERS_ONLY_TOLD : Outcome.TOLD;
    }

    private InboundMailClassifier.Classification classifyWhole(Message message) throws UnreadableMessageException {
        try {
            return classifier.classify(message);
        } catch (IOException | MessagingException | RuntimeException e) {
            return classifyHeaders(message, e);
        }
    }

    private InboundMailClassifier.Classification classifyHeaders(Message message, Exception cause) throws UnreadableMessageException {
        try {
            return classifier.classify(headersOnly(message));
        } catch (IOException | MessagingException | RuntimeException e) {
            if (cause != null) {
                e.addSuppressed(cause);
            }
            throw new UnreadableMessageException("its headers could not be read: " + e.getMessage(), e);
        }
    }

    /** From the Content-Type header alone, which the reader fetched with the others. */
    private static boolean isDeliveryReport(Message message) throws MessagingException {
        String[] type = message.getHeader("Content-Type");
        return type != null && type.length > 0 && type[0].strip().toLowerCase(Locale.ROOT).startsWith("multipart/report");
    }

    /** The message's headers with an empty body: the server sends only those, whatever the message's size. */
    private Message headersOnly(Message message) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        for (String line : Collections.list(((MimeMessage) message).getAllHeaderLines())) {
            headers.append(line).append("\r\n");
        }
        headers.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
        MimeMessage copy = new MimeMessage(parsing, new ByteArrayInputStream(headers.toString().getBytes(StandardCharsets.UTF_8)));
        // Multipart headers of the original no longer describe the empty body: it is plain text now.
        copy.setHeader("Content-Type", "text/plain; charset=UTF-8");
        copy.removeHeader("Content-Transfer-Encoding");
        return copy;
    }

    private static Optional<String> from(Message message) {
        try {
            Address[] from = message.getFrom();
            return from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                    ? Optional.empty() : Optional.ofNullable(address.getAddress());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** As it goes on the timeline: one line, bounded, whatever a malformed header held. */
    private static String subject(Message message) {
        try {
            String subject = CONTROL.matcher(String.valueOf(message.getSubject())).replaceAll(" ");
            return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT) + "…";
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The message's own id; a missing one, or one longer than any real one, is the mailbox's name for it. */
    private static String messageId(Message message, String fallbackId) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        String id = ids == null || ids.length == 0 ? "" : ids[0].trim();
        return id.isEmpty() || id.length() > MAX_MESSAGE_ID || CONTROL.matcher(id).find() ? fallbackId : id;
    }

    private boolean firstTimeSeen(String messageId, InboundMail mail) {
        return jdbc.sql("insert into inbound_mail (message_id, lead_id, kind, received_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(messageId, mail.leadId(), mail.kind().name(), Timestamp.from(clock.instant())).update() == 1;
    }
}
