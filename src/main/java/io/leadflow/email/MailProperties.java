package io.leadflow.email;

import io.leadflow.platform.RetryBackoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How leadflow sends and reads mail ({@code leadflow.mail.*}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from             the sender of every mail
 * @param messageIdDomain  the domain part of the Message-IDs leadflow gives its mails
 * @param dispatchInterval how often the outbox is sent
 * @param retry            how a mail the server refused is tried again
 * @param embedded         the embedded SMTP and IMAP server (GreenMail) of the default setup
 * @param inbox            the mailbox replies and bounces arrive in
 */
@ConfigurationProperties(prefix = "leadflow.mail")
public record MailProperties(@DefaultValue("leadflow <leadflow@leadflow.local>") String from,
                             @DefaultValue("leadflow.local") String messageIdDomain,
                             @DefaultValue("PT0.2S") Duration dispatchInterval,
                             @DefaultValue Retry retry, @DefaultValue Embedded embedded, @DefaultValue Inbox inbox) {

    /**
     * @param first the wait after a mail's first failure
     * @param max   the longest wait between tries
     */
    public record Retry(@DefaultValue("PT5S") Duration first, @DefaultValue("PT10M") Duration max) {

        public RetryBackoff backoff() {
            return new RetryBackoff(first, max);
        }
    }

    /**
     * @param enabled  start the embedded server
     * @param smtpPort its SMTP port
     * @param imapPort its IMAP port
     */
    public record Embedded(@DefaultValue("false") boolean enabled, @DefaultValue("3025") int smtpPort,
                           @DefaultValue("3143") int imapPort) {
    }

    /**
     * @param enabled      read the inbox
     * @param address      its address, also the IMAP login
     * @param password     the IMAP password
     * @param host         the IMAP server
     * @param port         the IMAP port
     * @param pollInterval how often it is read
     */
    public record Inbox(@DefaultValue("true") boolean enabled, @DefaultValue("leadflow@leadflow.local") String address,
                        String password, @DefaultValue("127.0.0.1") String host, @DefaultValue("3143") int port,
                        @DefaultValue("PT5S") Duration pollInterval) {
    }
}
