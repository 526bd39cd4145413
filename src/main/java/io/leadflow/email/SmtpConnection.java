package io.leadflow.email;

import io.leadflow.email.internal.MailServers;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@link MailDispatcher}'s connection to the SMTP server ({@code spring.mail.*}), or to the rep's own mailbox's
 * when the mail is from a rep who connected one, kept open across the mails of a drain: opening one (connect,
 * greeting, login) costs more than sending a mail over it. A mail for another server closes it and opens that one; a
 * failed send closes it, so the next one connects afresh; the dispatcher closes it when nothing more is due. Used by
 * one thread at a time.
 */
@Component
class SmtpConnection {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSenderImpl server;
    private final Duration timeout;
    private Transport transport;
    /** The mailbox the open connection is logged in to; null: leadflow's server. */
    private ConnectedMailbox connectedTo;

    SmtpConnection(JavaMailSenderImpl server, MailProperties settings) {
        this.server = server;
        this.timeout = settings.mailboxes().timeout();
    }

    Session session() {
        return server.getSession();
    }

    /** Returns once the server has taken the mail; through the mailbox's server, or leadflow's when it is null. */
    void send(MimeMessage message, ConnectedMailbox mailbox) throws MessagingException {
        message.saveChanges();
        try {
            if (transport != null && !Objects.equals(connectedTo, mailbox)) {
                close();
            }
            if (transport == null) {
                transport = mailbox == null ? connect() : MailServers.openTransport(mailbox, timeout);
                connectedTo = mailbox;
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            close();
            throw e;
        }
    }

    void close() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("SMTP connection not closed cleanly: {}", e.getMessage());
        } finally {
            transport = null;
            connectedTo = null;
        }
    }

    /** As {@link JavaMailSenderImpl} connects for each of its sends. */
    private Transport connect() throws MessagingException {
        Transport connecting = session().getTransport(server.getProtocol() == null ? JavaMailSenderImpl.DEFAULT_PROTOCOL : server.getProtocol());
        connecting.connect(server.getHost(), server.getPort(), emptyToNull(server.getUsername()), emptyToNull(server.getPassword()));
        return connecting;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
