package io.leadflow.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The {@link MailDispatcher}'s connection to the SMTP server ({@code spring.mail.*}), kept open across the mails of
 * a drain: opening one (connect, greeting, login) costs more than sending a mail over it. A failed send closes it, so
 * the next one connects afresh; the dispatcher closes it when nothing more is due. Used by one thread at a time.
 */
@Component
class SmtpConnection {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSenderImpl server;
    private Transport transport;

    SmtpConnection(JavaMailSenderImpl server) {
        this.server = server;
    }

    Session session() {
        return server.getSession();
    }

    /** Returns once the server has taken the mail. */
    void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        try {
            if (transport == null) {
                transport = connect();
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
