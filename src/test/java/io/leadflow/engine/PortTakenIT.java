package io.leadflow.engine;

import io.leadflow.FreePorts;
import io.leadflow.TestDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * leadflow started as a user starts it (a JVM of its own) while another program holds one of its
 * ports: it ends on its own with a failure exit code, naming the port and the one setting (and
 * environment variable) that moves it, instead of hanging with threads it started still running.
 */
@Order(3) // one of the longest classes: started first (junit-platform.properties)
class PortTakenIT {

    // Generous: the property is that it ends on its own; a start on a machine at load 20 takes a minute by itself.
    private static final Duration BOUND = Duration.ofMinutes(4);
    private static final String HTTP = "server.port";
    private static final String ENGINE = "leadflow.engine.embedded.port";
    private static final String SMTP = "spring.mail.port";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            HTTP + ", SERVER_PORT",
            ENGINE + ", LEADFLOW_ENGINE_EMBEDDED_PORT",
            SMTP + ", SPRING_MAIL_PORT"})
    void aTakenPortEndsTheStartNamingTheSettingThatMovesIt(String setting, String environmentVariable) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, Integer> ports = new HashMap<>(Map.of(HTTP, FreePorts.pick(), ENGINE, FreePorts.pick(), SMTP, FreePorts.pick()));
            ports.put(setting, taken.getLocalPort());
            ChildJvm.Ports leadflowPorts = new ChildJvm.Ports(ports.get(HTTP), ports.get(SMTP), FreePorts.pick(), ports.get(ENGINE));
            TestDatabase database = TestDatabase.create("leadflow_port_taken");
            try (ChildJvm leadflow = ChildJvm.startLeadflow("port-taken-" + setting, leadflowPorts, database, List.of(
                    "--spring.profiles.active=dev",
                    "--leadflow.engine.data-dir=" + dataDir))) {
                assertThat(leadflow.awaitExit(BOUND)).isNotZero();
                assertThat(leadflow.output())
                        .contains("Port " + taken.getLocalPort() + " is taken")
                        .contains("setting " + setting + " (environment variable " + environmentVariable + ")");
            } finally {
                database.drop();
            }
        }
    }
}
