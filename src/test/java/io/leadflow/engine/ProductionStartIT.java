package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadflow.DevelopmentHarness;
import io.leadflow.TestDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * leadflow as the production jar runs it: its class path without the development harness (no embedded PostgreSQL or
 * mail server, no demo data, no development people or defaults), no profile, the team's own secrets and people, and
 * nothing said about the engine but the cluster's address. It reaches the engine in another JVM (the remote default) and takes a lead to its
 * first task. The jar itself (mvn -Pproduction package) is built from the same classes and libraries; building it
 * here would double this test's time.
 */
@Order(3) // one of the longest classes: started first (junit-platform.properties)
class ProductionStartIT {

    private static final String API_KEY = "production-start-api-key-" + UUID.randomUUID();

    @Test
    void withoutTheHarnessLeadflowStartsOnTheRemoteEngineAndTakesALeadToItsFirstTask() throws Exception {
        Path target = Path.of("target", "production-start").toAbsolutePath();
        FileSystemUtils.deleteRecursively(target);
        String classPath = DevelopmentHarness.productionClassPath(ChildJvm.classPath(), target.resolve("classes"));
        ChildJvm.Ports ports = ChildJvm.Ports.free();
        TestDatabase database = TestDatabase.create("leadflow_production");
        // The team's mail server, as docker-compose.yml runs one beside leadflow.
        GreenMail mailServer = new GreenMail(new ServerSetup[] {
                new ServerSetup(ports.smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(ports.imap(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mailServer.withConfiguration(GreenMailConfiguration.aConfig().withUser("leadflow@leadflow.local", "leadflow@leadflow.local", "leadflow"));
        mailServer.start();

        try (ChildJvm engine = ChildJvm.start("production-engine", "io.leadflow.engine.embedded.StandaloneEngine",
                List.of(target.resolve("engine").toString(), "127.0.0.1", String.valueOf(ports.engine())))) {
            engine.awaitReady(Duration.ofMinutes(5), () -> ChildJvm.listening(ports.engine()));
            // The cluster's address, as CAMUNDA_CLIENT_GRPC_ADDRESS says it in production. ChildJvm sets
            // leadflow.engine.embedded.port to the engine's: were the embedded engine the default, it would find that port
            // taken and stop.
            try (ChildJvm leadflow = ChildJvm.leadflow("production", classPath, ports, database, List.of(
                    "--camunda.client.grpc-address=http://127.0.0.1:" + ports.engine(),
                    "--leadflow.security.api-key=" + API_KEY,
                    "--leadflow.security.metrics-token=production-start-metrics-token-" + UUID.randomUUID(),
                    "--leadflow.sequence.unsubscribe-secret=production-start-unsubscribe-secret-" + UUID.randomUUID(),
                    "--leadflow.mail.mailboxes.secret=production-start-mailbox-secret-" + UUID.randomUUID(),
                    "--leadflow.assignment.admin-password=" + UUID.randomUUID(),
                    "--leadflow.assignment.reps[0].username=lucia",
                    "--leadflow.assignment.reps[0].name=Lucía Paz",
                    "--leadflow.assignment.reps[0].email=lucia@leadflow.local",
                    "--leadflow.assignment.reps[0].password=" + UUID.randomUUID(),
                    "--leadflow.assignment.reps[0].team=latam"))) {

                RestClient api = RestClient.builder().baseUrl("http://127.0.0.1:" + ports.http())
                        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY).build();
                JsonNode lead = FirstContactCheck.leadWithItsTask(api, "production@andesnet.co");
                assertThat(lead.get("openTasks").get(0).get("name").asText()).isEqualTo("First contact");
                assertThat(leadflow.output()).doesNotContain("Embedded Zeebe engine", "embedded PostgreSQL", "GreenMail")
                        .doesNotContain("development default");
                assertThat(leadflow.stop()).isIn(0, 143);
            }
            assertThat(engine.stop()).isIn(0, 143);
        } finally {
            mailServer.stop();
            database.drop();
        }
    }
}
