package io.leadflow.email.internal;

import io.leadflow.email.ConnectedMailbox;
import io.leadflow.email.ConnectedMailbox.Server;
import io.leadflow.email.ConnectedMailbox.Tls;
import io.leadflow.email.MailboxFailure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections to a mailbox's servers with its TLS mode (TLS from the start, or STARTTLS required: never a silent
 * fall-back to plain text), the host name checked against the certificate and every wait bounded; and what a failed
 * connection means, in words a manager can act on.
 */
public final class MailServers {

    /**
     * A session's settings depend only on these, and making one scans the class path for the mail providers and
     * address maps: every poll of every rep's inbox and every connection to a rep's SMTP server would pay that again.
     * leadflow never changes a session once made, so one is shared by every thread.
     */
    private record SessionSettings(String protocol, Tls tls, Duration timeout) {
    }

    private static final Map<SessionSettings, Session> sessions = new ConcurrentHashMap<>();

    private MailServers() {
    }

    public static Store openStore(ConnectedMailbox mailbox, Duration timeout) throws MessagingException {
        String protocol = mailbox.imap().tls() == Tls.TLS ? "imaps" : "imap";
        Store store = session(protocol, mailbox.imap(), timeout).getStore(protocol);
        store.connect(mailbox.imap().host(), mailbox.imap().port(), mailbox.username(), mailbox.password());
        return store;
    }

    public static Transport openTransport(ConnectedMailbox mailbox, Duration timeout) throws MessagingException {
        String protocol = mailbox.smtp().tls() == Tls.TLS ? "smtps" : "smtp";
        Session session = session(protocol, mailbox.smtp(), timeout);
        Transport transport = session.getTransport(protocol);
        transport.connect(mailbox.smtp().host(), mailbox.smtp().port(), mailbox.username(), mailbox.password());
        return transport;
    }

    /** The session a mailbox's mail is written in for its SMTP server. */
    public static Session smtpSession(ConnectedMailbox mailbox, Duration timeout) {
        return session(mailbox.smtp().tls() == Tls.TLS ? "smtps" : "smtp", mailbox.smtp(), timeout);
    }

    private static Session session(String protocol, Server server, Duration timeout) {
        return sessions.computeIfAbsent(new SessionSettings(protocol, server.tls(), timeout), MailServers::newSession);
    }

    private static Session newSession(SessionSettings settings) {
        String protocol = settings.protocol();
        Duration timeout = settings.timeout();
        String prefix = "mail." + protocol + ".";
        String millis = String.valueOf(timeout.toMillis());
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (protocol.startsWith("smtp")) {
            properties.setProperty(prefix + "auth", "true");
        }
        if (settings.tls() == Tls.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        return Session.getInstance(properties);
    }

    /** What went wrong, from the exception and its causes. */
    public static MailboxFailure failure(Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (e instanceof AuthenticationFailedException) {
            return new MailboxFailure("login refused", detail);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return new MailboxFailure("host unknown", detail);
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return new MailboxFailure("host unreachable", detail);
            }
            if (cause instanceof SocketTimeoutException) {
                return new MailboxFailure("no answer in time", detail);
            }
            if (cause instanceof SSLException || cause instanceof CertificateException) {
                return new MailboxFailure("TLS failed", detail);
            }
        }
        if (detail.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
            return new MailboxFailure("TLS failed", detail);
        }
        if (detail.toLowerCase(Locale.ROOT).contains("auth")) {
            return new MailboxFailure("login refused", detail);
        }
        return new MailboxFailure("failed", detail);
    }
}
