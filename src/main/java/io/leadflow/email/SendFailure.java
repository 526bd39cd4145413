package io.leadflow.email;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a send that failed says: whether the server refused the mail for good, and why, in one line.
 * <p>
 * Permanent: the server answered the mail (MAIL FROM, DATA) or its recipient (RCPT TO) with a 5xx reply, and nothing
 * with a 4xx; sending it again would get the same answer. Anything else — no connection, a timeout, a failed login,
 * a 4xx (mailbox full, greylisting, try later) — may pass later and is transient. Angus Mail carries the replies in
 * its exceptions, the recipients' ones chained behind a "Invalid Addresses" failure.
 *
 * @param permanent the server refused it for good
 * @param error     the failure and its chained causes in one line, no stack trace, at most {@value #MAX_LENGTH} characters
 */
record SendFailure(boolean permanent, String error) {

    static final int MAX_LENGTH = 500;
    /** A chain longer than this is an exception chained to itself, not a server's answer. */
    private static final int MAX_CHAIN = 10;

    static SendFailure of(MessagingException failure) {
        List<Integer> replies = new ArrayList<>();
        Set<String> messages = new LinkedHashSet<>();
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CHAIN; depth++) {
            int reply = replyCode(cause);
            if (reply > 0) {
                replies.add(reply);
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                messages.add(cause.getMessage().replaceAll("\\s+", " ").strip());
            }
            cause = cause instanceof MessagingException messaging ? messaging.getNextException() : cause.getCause();
        }
        boolean permanent = !replies.isEmpty() && replies.stream().allMatch(reply -> reply >= 500 && reply < 600);
        String error = messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", messages);
        return new SendFailure(permanent, error.length() <= MAX_LENGTH ? error : error.substring(0, MAX_LENGTH - 1) + "…");
    }

    /** The SMTP reply code an Angus Mail exception carries; 0 for a failure that got none. */
    private static int replyCode(Throwable failure) {
        return switch (failure) {
            case SMTPAddressFailedException recipient -> recipient.getReturnCode();
            case SMTPSenderFailedException sender -> sender.getReturnCode();
            case SMTPSendFailedException mail -> mail.getReturnCode();
            default -> 0;
        };
    }
}
