package io.leadflow.email.internal;

import io.leadflow.email.InboundMail;
import io.leadflow.email.InboundMail.Kind;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what a mail in leadflow's inbox is: a hard bounce (an RFC 3464 delivery status notification
 * with a permanent failure), an automatic reply (RFC 3834 Auto-Submitted and the common vendor
 * headers), or a person's reply — and which of our messages it refers to, and what a person's reply means
 * ({@link ReplyIntentClassifier}).
 */
@Component
class InboundMailClassifier {

    /**
     * What the mail is, the Message-IDs it refers to (newest first), the failed recipient of a bounce and what a
     * person's reply means.
     */
    record Classification(Kind kind, List<String> referencedMessageIds, String failedRecipient, ReplyIntentClassifier.Reading reading) {

        InboundMail event(UUID leadId, String messageId, String subject) {
            return new InboundMail(leadId, kind, messageId, subject, reading == null ? null : reading.intent(),
                    reading == null ? null : reading.phrase());
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** What a mail client quotes in HTML, and what is no text at all. */
    private static final Pattern HTML_QUOTE_OR_HEAD = Pattern.compile("(?is)<blockquote.*</blockquote>|<head.*?</head>|<style.*?</style>");
    private static final Pattern HTML_LINE_END = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])\\s*>");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");

    private final ReplyIntentClassifier intents;

    InboundMailClassifier(ReplyIntentClassifier intents) {
        this.intents = intents;
    }

    Classification classify(Message message) throws MessagingException, IOException {
        if (message.isMimeType("multipart/report") && "delivery-status".equalsIgnoreCase(
                new ContentType(message.getContentType()).getParameter("report-type"))) {
            return bounce((Multipart) message.getContent());
        }
        List<String> references = new ArrayList<>(messageIds(message.getHeader("In-Reply-To")));
        List<String> chain = messageIds(message.getHeader("References"));
        for (int i = chain.size() - 1; i >= 0; i--) {
            references.add(chain.get(i));
        }
        return isAutomatic(message)
                ? new Classification(Kind.AUTO_REPLY, references, null, null)
                : new Classification(Kind.REPLY, references, null, intents.classify(text(message)));
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
        String body = HTML_QUOTE_OR_HEAD.matcher(content(html.get())).replaceAll("");
        return HtmlUtils.htmlUnescape(HTML_TAG.matcher(HTML_LINE_END.matcher(body).replaceAll("\n")).replaceAll(""));
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
        return (autoSubmitted != null && !autoSubmitted.trim().equalsIgnoreCase("no"))
                || first(message, "X-Autoreply") != null
                || first(message, "X-Autorespond") != null
                || (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("auto_reply|bulk|junk|list"));
    }

    private Classification bounce(Multipart report) throws MessagingException, IOException {
        boolean permanent = false;
        String recipient = null;
        List<String> original = new ArrayList<>();
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                for (InternetHeaders fields : fieldGroups(part)) {
                    String action = fields.getHeader("Action", null);
                    String status = fields.getHeader("Status", null);
                    if (action != null && action.trim().equalsIgnoreCase("failed") && status != null && status.trim().startsWith("5")) {
                        permanent = true;
                        String finalRecipient = fields.getHeader("Final-Recipient", null);
                        recipient = finalRecipient == null ? null : finalRecipient.substring(finalRecipient.indexOf(';') + 1).trim();
                    }
                }
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
                InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw(part)));
                original.addAll(messageIds(headers.getHeader("Message-ID")));
            }
        }
        return new Classification(permanent ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE, original, recipient, null);
    }

    /** A delivery-status body is a per-message group, then one group per recipient, separated by blank lines. */
    private static List<InternetHeaders> fieldGroups(Part part) throws MessagingException, IOException {
        List<InternetHeaders> groups = new ArrayList<>();
        for (String group : new String(raw(part), StandardCharsets.US_ASCII).split("\\r?\\n\\s*\\r?\\n")) {
            if (!group.isBlank()) {
                groups.add(new InternetHeaders(new ByteArrayInputStream((group.strip() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII))));
            }
        }
        return groups;
    }

    private static byte[] raw(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Message embedded) {
            var out = new java.io.ByteArrayOutputStream();
            embedded.writeTo(out);
            return out.toByteArray();
        }
        if (content instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
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
