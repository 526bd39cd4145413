package io.leadflow.email;

import io.leadflow.email.ConnectedMailbox.Server;
import io.leadflow.email.ConnectedMailbox.Tls;
import io.leadflow.platform.EmailAddress;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox as a manager sets it, through the API or the reps page. Every field is required but {@code password}
 * when the mailbox has one already (it is kept), and {@code username} (the address then). The TLS modes are
 * {@code NONE}, {@code STARTTLS} and {@code TLS}. {@code perHour} and {@code perDay} are the mailbox's own sending
 * limits, each optional (left out: the settings' limit, {@code leadflow.mail.limits.*}). Its {@link #toString()} leaves
 * the password out.
 */
public record MailboxRequest(String address, String smtpHost, Integer smtpPort, String smtpTls, String imapHost,
                             Integer imapPort, String imapTls, String username, String password, Integer perHour,
                             Integer perDay) {

    /** A host name or an IPv4/IPv6 address: what a mail server's host can be, and nothing a header or URL could hide. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_PASSWORD = 500;
    private static final int MAX_LIMIT = 100_000;

    /** The mailbox these fields describe, with the saved password when none is given; all fields at fault at once. */
    public ConnectedMailbox toMailbox(String savedPassword) {
        List<FieldError> errors = new ArrayList<>();
        if (address == null || !EmailAddress.Validator.matches(address.strip())) {
            errors.add(new FieldError("address", "is required: an email address"));
        }
        Server smtp = server("smtp", smtpHost, smtpPort, smtpTls, errors);
        Server imap = server("imap", imapHost, imapPort, imapTls, errors);
        if (username != null && (username.isBlank() || username.length() > 320 || CONTROL.matcher(username).find())) {
            errors.add(new FieldError("username", "is up to 320 characters on one line (the address when left out)"));
        }
        String secret = password == null ? savedPassword : password;
        if (secret == null || secret.isEmpty()) {
            errors.add(new FieldError("password", "is required: the mailbox's password or app password"));
        } else if (secret.length() > MAX_PASSWORD || CONTROL.matcher(secret).find()) {
            errors.add(new FieldError("password", "is up to " + MAX_PASSWORD + " characters on one line"));
        }
        limit("perHour", perHour, errors);
        limit("perDay", perDay, errors);
        if (perHour != null && perDay != null && perHour > perDay) {
            errors.add(new FieldError("perHour", "is at most perDay"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The mailbox has fields at fault", errors);
        }
        String login = username == null ? address.strip() : username.strip();
        return new ConnectedMailbox(address.strip(), smtp, imap, login, secret);
    }

    private static void limit(String field, Integer value, List<FieldError> errors) {
        if (value != null && (value < 1 || value > MAX_LIMIT)) {
            errors.add(new FieldError(field, "is from 1 to " + MAX_LIMIT + " sequence emails (left out: the settings' limit)"));
        }
    }

    private static Server server(String protocol, String host, Integer port, String tls, List<FieldError> errors) {
        boolean valid = true;
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            errors.add(new FieldError(protocol + "Host", "is required: a host name or IP address"));
            valid = false;
        }
        if (port == null || port < 1 || port > 65_535) {
            errors.add(new FieldError(protocol + "Port", "is required: a port from 1 to 65535"));
            valid = false;
        }
        Tls mode = tls(tls);
        if (mode == null) {
            errors.add(new FieldError(protocol + "Tls", "is required: one of " + Arrays.toString(Tls.values())));
            valid = false;
        }
        return valid ? new Server(host.strip(), port, mode) : null;
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
