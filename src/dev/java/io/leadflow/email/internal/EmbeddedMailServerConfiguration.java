package io.leadflow.email.internal;

import io.leadflow.email.MailProperties;
import io.leadflow.platform.PortTakenException;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real SMTP + IMAP server (GreenMail) for the embedded default: every mail leadflow sends can be
 * read with any mail client, and replies sent to it reach leadflow's inbox. It listens where leadflow
 * sends ({@code spring.mail.port}) and reads ({@code leadflow.mail.inbox.port}), so each port is one setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadflow.mail.embedded.enabled", havingValue = "true")
class EmbeddedMailServerConfiguration {

    /** The setting that moves each of the server's ports (where leadflow sends, where it reads). */
    private static final Map<String, String> PORT_SETTINGS = Map.of(
            ServerSetup.PROTOCOL_SMTP, "spring.mail.port",
            ServerSetup.PROTOCOL_IMAP, "leadflow.mail.inbox.port");

    @Bean(destroyMethod = "stop")
    GreenMail embeddedMailServer(MailProperties settings,
                                 @Value("${spring.mail.port}") int smtpPort,
                                 @Value("${spring.mail.username}") String user,
                                 @Value("${spring.mail.password}") String password) {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(settings.inbox().port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        // Any recipient gets a mailbox whose login and password are its address.
        server.withConfiguration(GreenMailConfiguration.aConfig().withUser(user, user, password));
        start(server);
        return server;
    }

    @Bean
    EmbeddedMailboxes embeddedMailboxes(GreenMail server) {
        return (address, username, password) -> {
            if (server.getUserManager().getUserByEmail(address) == null) {
                server.setUser(address, username, password);
            }
        };
    }

    /**
     * When one protocol cannot listen, GreenMail leaves the other running, and its thread would keep
     * the JVM alive after the failed start: stop it, and name the taken port and its setting.
     */
    private static void start(GreenMail server) {
        try {
            server.start();
        } catch (IllegalStateException e) {
            Optional<ServerSetup> notListening = Stream.of(server.getSmtp(), server.getImap())
                    .filter(EmbeddedMailServerConfiguration::endedWithoutListening).map(AbstractServer::getServerSetup).findFirst();
            server.stop();
            throw notListening.<RuntimeException>map(setup -> new PortTakenException(
                    "the embedded mail server's " + setup.getProtocol().toUpperCase(Locale.ROOT), setup.getPort(),
                    PORT_SETTINGS.get(setup.getProtocol()), e)).orElse(e);
        }
    }

    /** A protocol's thread ends at once when its port cannot be bound; a merely slow one is still alive. */
    private static boolean endedWithoutListening(AbstractServer protocol) {
        if (protocol.isRunning()) {
            return false;
        }
        try {
            protocol.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !protocol.isAlive();
    }
}
