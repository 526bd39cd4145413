package io.leadflow.email.internal;

import io.leadflow.email.InboundMail.Kind;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what a mail in leadflow's inbox is: a hard bounce (an RFC 3464 delivery status notification
 * with a permanent failure), an automatic reply (RFC 3834 Auto-Submitted and the common vendor
 * headers), or a person's reply — and which of our messages it refers to.
 */
@Component
class InboundMailClassifier {

    /** What the mail is, the Message-IDs it refers to (newest first) and the failed recipient of a bounce. */
    record Classification(Kind kind, List<String> referencedMessageIds, String failedRecipient) {
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    Classification classify(Message message) throws MessagingException, IOException {
        if (message.isMimeType("multipart/report") && "delivery-status".equalsIgnoreCase(
                new ContentType(message.getContentType()).getParameter("report-type"))) {
            return bounce((Multipart) message.getContent());
        }
        Kind kind = isAutomatic(message) ? Kind.AUTO_REPLY : Kind.REPLY;
        List<String> references = new ArrayList<>(messageIds(message.getHeader("In-Reply-To")));
        List<String> chain = messageIds(message.getHeader("References"));
        for (int i = chain.size() - 1; i >= 0; i--) {
            references.add(chain.get(i));
        }
        return new Classification(kind, references, null);
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
        return new Classification(permanent ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE, original, recipient);
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
