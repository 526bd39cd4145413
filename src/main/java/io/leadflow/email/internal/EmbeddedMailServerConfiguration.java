package io.leadflow.email.internal;

import io.leadflow.email.MailProperties;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real SMTP + IMAP server (GreenMail) for the embedded default: every mail leadflow sends can be
 * read with any mail client, and replies sent to it reach leadflow's inbox.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadflow.mail.embedded.enabled", havingValue = "true")
class EmbeddedMailServerConfiguration {

    @Bean(destroyMethod = "stop")
    GreenMail embeddedMailServer(MailProperties settings,
                                 @Value("${spring.mail.username}") String user,
                                 @Value("${spring.mail.password}") String password) {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(settings.embedded().smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(settings.embedded().imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        // Any recipient gets a mailbox whose login and password are its address.
        server.withConfiguration(GreenMailConfiguration.aConfig().withUser(user, user, password));
        server.start();
        return server;
    }
}
