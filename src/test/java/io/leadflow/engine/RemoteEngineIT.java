package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * leadflow in {@code remote} mode, as against a Camunda 8 cluster: the engine runs in a JVM of its
 * own and leadflow reaches it only over the network through the official client.
 */
class RemoteEngineIT {

    private static final String DATABASE = "leadflow_remote";
    private static final int ENGINE_PORT = 26491;
    private static final int HTTP_PORT = 18491;

    @Test
    void aLeadGoesFromIntakeToItsFirstContactTaskOnAnEngineInAnotherJvm() throws Exception {
        Path dataDir = Path.of("target", "remote-engine").toAbsolutePath();
        FileSystemUtils.deleteRecursively(dataDir);
        try (var admin = new SingleConnectionDataSource("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "", true)) {
            JdbcClient.create(admin).sql("drop database if exists " + DATABASE + " with (force)").update();
        }
        RestClient api = RestClient.builder().baseUrl("http://127.0.0.1:" + HTTP_PORT)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer dev-api-key").build();

        try (ChildJvm engine = ChildJvm.start("standalone-engine", "io.leadflow.engine.embedded.StandaloneEngine",
                     List.of(dataDir.toString(), "127.0.0.1", String.valueOf(ENGINE_PORT)))) {
            engine.awaitReady(Duration.ofMinutes(1), () -> listening(ENGINE_PORT));
            try (ChildJvm leadflow = ChildJvm.start("leadflow-remote", "io.leadflow.LeadflowApplication", List.of(
                    "--leadflow.engine.mode=remote",
                    "--camunda.client.grpc-address=http://127.0.0.1:" + ENGINE_PORT,
                    "--server.port=" + HTTP_PORT,
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                    "--leadflow.mail.embedded.smtp-port=3491",
                    "--spring.mail.port=3491",
                    "--leadflow.mail.embedded.imap-port=3492",
                    "--leadflow.mail.inbox.port=3492"))) {
                leadflow.awaitReady(Duration.ofMinutes(2), () -> api.get().uri("/actuator/health").retrieve()
                        .body(JsonNode.class).get("status").asText().equals("UP"));

                JsonNode created = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("type", "FORM_FILL", "email", "remote@andesnet.co", "firstName", "Rosa",
                                "lastName", "Ruiz", "jobTitle", "Director de Marketing", "company", "AndesNet",
                                "country", "CO", "source", "ebook"))
                        .retrieve().body(JsonNode.class);
                UUID id = UUID.fromString(created.get("id").asText());

                JsonNode lead = await().atMost(Duration.ofMinutes(1)).until(
                        () -> api.get().uri("/api/leads/{id}", id).retrieve().body(JsonNode.class),
                        view -> view.get("openTasks").size() == 1);
                assertThat(lead.get("stage").asText()).isEqualTo("MQL");
                assertThat(lead.get("openTasks").get(0).get("name").asText()).isEqualTo("First contact");
                assertThat(leadflow.stop()).isIn(0, 143);
            }
            assertThat(engine.stop()).isIn(0, 143);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
