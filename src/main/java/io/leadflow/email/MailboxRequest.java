package io.leadflow.email;

import io.leadflow.email.ConnectedMailbox.Server;
import io.leadflow.email.ConnectedMailbox.Tls;
import io.leadflow.platform.EmailAddress;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.SafeText;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A mailbox as a manager sets it, through the API or the reps page. Every field is required but {@code password}
 * when the mailbox has one already (it is kept), and {@code username} (the address then). The TLS modes are
 * {@code NONE}, {@code STARTTLS} and {@code TLS}. {@code perHour} and {@code perDay} are the mailbox's own sending
 * limits, each optional (left out: the settings' limit, {@code leadflow.mail.limits.*}). Its {@link #toString()} leaves
 * the password out. The fields' own rules are constraints; the TLS modes, the password (or the one saved) and the
 * limits against each other are checked by {@link #toMailbox}.
 */
public record MailboxRequest(@NotNull(message = MailboxRequest.ADDRESS) @EmailAddress(message = MailboxRequest.ADDRESS) String address,
                             @NotNull(message = MailboxRequest.HOST_RULE) @Pattern(regexp = MailboxRequest.HOST, message = MailboxRequest.HOST_RULE)
                             String smtpHost,
                             @NotNull(message = MailboxRequest.PORT) @Min(value = 1, message = MailboxRequest.PORT)
                             @Max(value = 65_535, message = MailboxRequest.PORT) Integer smtpPort,
                             String smtpTls,
                             @NotNull(message = MailboxRequest.HOST_RULE) @Pattern(regexp = MailboxRequest.HOST, message = MailboxRequest.HOST_RULE)
                             String imapHost,
                             @NotNull(message = MailboxRequest.PORT) @Min(value = 1, message = MailboxRequest.PORT)
                             @Max(value = 65_535, message = MailboxRequest.PORT) Integer imapPort,
                             String imapTls,
                             @Size(max = 320, message = MailboxRequest.USERNAME) @Pattern(regexp = "(?s).*\\S.*", message = MailboxRequest.USERNAME)
                             @SafeText String username,
                             String password,
                             @Min(value = 1, message = MailboxRequest.LIMIT) @Max(value = MailboxRequest.MAX_LIMIT, message = MailboxRequest.LIMIT)
                             Integer perHour,
                             @Min(value = 1, message = MailboxRequest.LIMIT) @Max(value = MailboxRequest.MAX_LIMIT, message = MailboxRequest.LIMIT)
                             Integer perDay) {

    /** A host name or an IPv4/IPv6 address: what a mail server's host can be, and nothing a header or URL could hide. */
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");
    private static final int MAX_PASSWORD = 500;
    private static final int MAX_LIMIT = 100_000;
    private static final String ADDRESS = "is required: an email address";
    private static final String HOST_RULE = "is required: a host name or IP address";
    private static final String PORT = "is required: a port from 1 to 65535";
    private static final String USERNAME = "is up to 320 characters on one line (the address when left out)";
    private static final String LIMIT = "is from 1 to " + MAX_LIMIT + " sequence emails (left out: the settings' limit)";

    /** The address and the hosts as typed, without the spaces around them. */
    public MailboxRequest {
        address = address == null ? null : address.strip();
        smtpHost = smtpHost == null ? null : smtpHost.strip();
        imapHost = imapHost == null ? null : imapHost.strip();
    }

    /** The mailbox these fields describe, with the saved password when none is given; all fields at fault at once. */
    public ConnectedMailbox toMailbox(String savedPassword, Validator validator) {
        List<FieldError> errors = new ArrayList<>(validator.validate(this).stream().map(FieldError::of).toList());
        Server smtp = server("smtp", smtpHost, smtpPort, smtpTls, errors);
        Server imap = server("imap", imapHost, imapPort, imapTls, errors);
        String secret = password == null ? savedPassword : password;
        if (secret == null || secret.isEmpty()) {
            errors.add(new FieldError("password", "is required: the mailbox's password or app password"));
        } else if (secret.length() > MAX_PASSWORD || CONTROL.matcher(secret).find()) {
            errors.add(new FieldError("password", "is up to " + MAX_PASSWORD + " characters on one line"));
        }
        if (perHour != null && perDay != null && perHour > perDay) {
            errors.add(new FieldError("perHour", "is at most perDay"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The mailbox has fields at fault", errors);
        }
        String login = username == null ? address : username.strip();
        return new ConnectedMailbox(address, smtp, imap, login, secret);
    }

    /** The server, once its host and port (constraints) and its TLS mode are right. */
    private static Server server(String protocol, String host, Integer port, String tls, List<FieldError> errors) {
        Tls mode = tls(tls);
        if (mode == null) {
            errors.add(new FieldError(protocol + "Tls", "is required: one of " + Arrays.toString(Tls.values())));
        }
        boolean valid = mode != null && errors.stream().noneMatch(error -> error.field().startsWith(protocol));
        return valid ? new Server(host, port, mode) : null;
    }

    private static Tls tls(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(Tls.values()).filter(mode -> mode.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "MailboxRequest[" + address + ", smtp " + smtpHost + ":" + smtpPort + " " + smtpTls + ", imap " + imapHost
                + ":" + imapPort + " " + imapTls + ", username " + username + ", limits " + perHour + "/h " + perDay + "/day]";
    }
}
