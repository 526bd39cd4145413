package io.leadflow.email.internal;

import io.leadflow.email.InboundMail;
import io.leadflow.email.InboundMail.Kind;
import io.leadflow.email.ReplyIntent;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what a mail in leadflow's inbox is: a bounce (an RFC 3464 delivery status notification, read with Angus
 * Mail's DSN support: hard when a recipient failed with a permanent 5.x.x status, soft when it failed or was delayed
 * with a temporary 4.x.x), an automatic reply (RFC 3834 Auto-Submitted, the vendors' X-Autoreply, X-Autorespond and
 * X-Auto-Response-Suppress, Precedence auto_reply, bulk, junk or list, a subject such as "Automatic reply:" or "Out
 * of Office", a no-reply sender) — an out-of-office one when its words tell of an absence ({@link OutOfOfficeReader}),
 * with the day the lead is back — or a person's reply, and which of our messages it refers to, and what a person's
 * reply means ({@link ReplyIntentClassifier}). Any reader of a mailbox may use it: it looks at the message alone.
 */
@Component
class InboundMailClassifier {

    /**
     * What the mail is, the Message-IDs it refers to (newest first, the bounced one first for a bounce), what a person's
     * reply means, the day an absent lead is back and the status a bounce reported.
     */
    record Classification(Kind kind, List<String> referencedMessageIds, ReplyIntentClassifier.Reading reading,
                          LocalDate returnsOn, String deliveryStatus) {

        InboundMail event(UUID leadId, String messageId, String subject) {
            return new InboundMail(leadId, kind, messageId, subject, reading == null ? null : reading.intent(),
                    reading == null ? null : reading.phrase(), reading == null ? null : reading.referral(), referencedMessageIds.isEmpty() ? null : referencedMessageIds.getFirst(),
                    returnsOn, deliveryStatus);
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** What a mail client quotes in HTML, and what is no text at all. */
    private static final String HTML_QUOTE_OR_NO_TEXT = "blockquote, head, style, script, template";
    /** The elements a line ends after. */
    private static final String HTML_LINES = "br, p, div, li, tr, h1, h2, h3, h4, h5, h6";
    /** The subjects mail servers give automatic replies (Exchange, Gmail, Zimbra and others), Spanish and English. */
    private static final Pattern AUTOMATIC_SUBJECT = Pattern.compile("(?iu)^\\s*(?:(?:automatic reply|auto[- ]?reply|auto[- ]?response"
            + "|auto|respuesta autom[aá]tica)\\s*:|(?:out of (?:the )?office|fuera de (?:la )?oficina)\\b)");
    private static final Pattern NO_REPLY_SENDER = Pattern.compile("(?i)^(?:no-?reply|do-?not-?reply|noreply|mailer-daemon)[^@]*@");
    /** The zone offset at the end of a Date header ("… 10:00:00 -0500"), which decides the reply's own day. */
    private static final Pattern DATE_OFFSET = Pattern.compile("([+-]\\d{4})\\s*(?:\\([^)]*\\))?\\s*$");

    private final ReplyIntentClassifier intents;
    private final Clock clock;

    InboundMailClassifier(ReplyIntentClassifier intents, Clock clock) {
        this.intents = intents;
        this.clock = clock;
    }

    Classification classify(Message message) throws MessagingException, IOException {
        List<String> references = new ArrayList<>(messageIds(message.getHeader("In-Reply-To")));
        List<String> chain = messageIds(message.getHeader("References"));
        for (int i = chain.size() - 1; i >= 0; i--) {
            references.add(chain.get(i));
        }
        if (message.isMimeType("multipart/report")) {
            // A report no DSN handler could read is still no person's reply.
            return message.getContent() instanceof MultipartReport report ? report(report, references)
                    : new Classification(Kind.AUTO_REPLY, references, null, null, null);
        }
        if (!isAutomatic(message)) {
            String text = text(message);
            ReplyIntentClassifier.Reading reading = intents.classify(text);
            // "Not now" with a day in its words: when the lead wants to hear from us again.
            LocalDate comeBackOn = reading.intent() == ReplyIntent.NOT_NOW
                    ? OutOfOfficeReader.latestDay(text, sentOn(message), senderDomain(message)).orElse(null) : null;
            return new Classification(Kind.REPLY, references, reading, comeBackOn, null);
        }
        String words = Objects.toString(message.getSubject(), "") + "\n" + text(message);
        return OutOfOfficeReader.read(words, sentOn(message), senderDomain(message))
                .map(absence -> new Classification(Kind.OUT_OF_OFFICE, references, null, absence.returnsOn(), null))
                .orElseGet(() -> new Classification(Kind.AUTO_REPLY, references, null, null, null));
    }

    /** The mail's words: its first plain-text part, or else its first HTML part as text without what it quotes. */
    private static String text(Part message) throws MessagingException, IOException {
        Optional<Part> plain = firstPart(message, "text/plain");
        if (plain.isPresent()) {
            return content(plain.get());
        }
        Optional<Part> html = firstPart(message, "text/html");
        if (html.isEmpty()) {
            return "";
        }
        Document document = Jsoup.parse(content(html.get()));
        document.select(HTML_QUOTE_OR_NO_TEXT).remove();
        document.select(HTML_LINES).forEach(line -> line.after(new TextNode("\n")));
        return document.body().wholeText();
    }

    private static Optional<Part> firstPart(Part part, String mimeType) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return Optional.empty();
        }
        if (part.isMimeType(mimeType)) {
            return Optional.of(part);
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<Part> found = firstPart(multipart.getBodyPart(i), mimeType);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A text part's content; one in a charset Java does not know is read as UTF-8 rather than not at all. */
    private static String content(Part part) throws MessagingException, IOException {
        try {
            return part.getContent().toString();
        } catch (UnsupportedEncodingException e) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static boolean isAutomatic(Message message) throws MessagingException {
        String autoSubmitted = first(message, "Auto-Submitted");
        String precedence = first(message, "Precedence");
        String subject = message.getSubject();
        return (autoSubmitted != null && !autoSubmitted.trim().equalsIgnoreCase("no"))
                || first(message, "X-Autoreply") != null
                || first(message, "X-Autorespond") != null
                || first(message, "X-Auto-Response-Suppress") != null
                || (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("auto_reply|bulk|junk|list"))
                || (subject != null && AUTOMATIC_SUBJECT.matcher(subject).find())
                || Arrays.stream(Objects.requireNonNullElse(message.getFrom(), new Address[0]))
                        .anyMatch(from -> NO_REPLY_SENDER.matcher(address(from)).find());
    }

    /**
     * A delivery status notification: the worst of its recipients' outcomes, and the Message-ID of the mail it returns
     * first. A report of another type (a read receipt) or one of deliveries that went through is an automatic reply.
     */
    private static Classification report(MultipartReport report, List<String> references) throws MessagingException {
        List<String> about = new ArrayList<>();
        MimeMessage returned = report.getReturnedMessage();
        if (returned != null) {
            about.addAll(messageIds(returned.getHeader("Message-ID")));
        }
        about.addAll(references);
        if (!(report.getReport() instanceof DeliveryStatus status)) {
            return new Classification(Kind.AUTO_REPLY, about, null, null, null);
        }
        String soft = null;
        for (int i = 0; i < status.getRecipientDSNCount(); i++) {
            InternetHeaders recipient = status.getRecipientDSN(i);
            String action = Objects.requireNonNullElse(recipient.getHeader("Action", null), "").trim().toLowerCase(Locale.ROOT);
            String code = Objects.requireNonNullElse(recipient.getHeader("Status", null), "").trim();
            if (action.equals("failed") && code.startsWith("5")) {
                return new Classification(Kind.HARD_BOUNCE, about, null, null, code);
            }
            if ((action.equals("failed") || action.equals("delayed")) && soft == null) {
                soft = code.isEmpty() ? "4.0.0" : code;
            }
        }
        return soft == null ? new Classification(Kind.AUTO_REPLY, about, null, null, null)
                : new Classification(Kind.SOFT_BOUNCE, about, null, null, soft);
    }

    /** The reply's own day: its Date header in the sender's offset, today when it has none or says a later day. */
    private LocalDate sentOn(Message message) throws MessagingException {
        LocalDate today = LocalDate.now(clock);
        Date sent = message.getSentDate();
        if (sent == null) {
            return today;
        }
        Matcher offset = DATE_OFFSET.matcher(Objects.requireNonNullElse(first(message, "Date"), ""));
        ZoneOffset zone = ZoneOffset.UTC;
        try {
            zone = offset.find() ? ZoneOffset.of(offset.group(1)) : zone;
        } catch (DateTimeException beyondEighteenHours) {
            // A malformed offset: the day in UTC is near enough.
        }
        LocalDate day = LocalDate.ofInstant(sent.toInstant(), zone);
        return day.isAfter(today) ? today : day;
    }

    private static String senderDomain(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0) {
            return null;
        }
        String address = address(from[0]);
        return address.substring(address.indexOf('@') + 1);
    }

    private static String address(Address address) {
        return address instanceof InternetAddress internet && internet.getAddress() != null ? internet.getAddress() : address.toString();
    }

    private static String first(Message message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static List<String> messageIds(String[] headerValues) {
        if (headerValues == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Arrays.stream(headerValues).forEach(value -> {
            Matcher matcher = MESSAGE_ID.matcher(value);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        });
        return ids;
    }
}
