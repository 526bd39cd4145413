package io.leadflow.email.internal;

import io.leadflow.FreePorts;
import io.leadflow.email.MailProperties;
import io.leadflow.platform.PortTakenException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMailServerConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MailProperties.class)
    static class MailSettings {
    }

    @Test
    void aTakenImapPortNamesItsSettingAndLeavesNoSmtpThreadRunning() throws IOException {
        int smtpPort = FreePorts.pick();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            new ApplicationContextRunner()
                    .withUserConfiguration(MailSettings.class, EmbeddedMailServerConfiguration.class)
                    .withPropertyValues("leadflow.mail.embedded.enabled=true", "spring.mail.port=" + smtpPort,
                            "leadflow.mail.inbox.port=" + taken.getLocalPort(),
                            "spring.mail.username=leadflow@leadflow.local", "spring.mail.password=leadflow")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        PortTakenException portTaken = Stream.iterate(context.getStartupFailure(), Objects::nonNull, Throwable::getCause)
                                .flatMap(cause -> cause instanceof PortTakenException found ? Stream.of(found) : Stream.empty())
                                .findFirst().orElseThrow();
                        assertThat(portTaken).hasMessageStartingWith("Port " + taken.getLocalPort() + " is taken: the embedded mail server's IMAP");
                        assertThat(portTaken.action()).contains("setting leadflow.mail.inbox.port");
                    });
        }
        // GreenMail's SMTP thread is not a daemon: left running, it would keep leadflow's JVM alive.
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().endsWith(":" + smtpPort));
        try (ServerSocket smtpPortIsFree = new ServerSocket(smtpPort, 50, InetAddress.getLoopbackAddress())) {
            assertThat(smtpPortIsFree.isBound()).isTrue();
        }
    }
}
