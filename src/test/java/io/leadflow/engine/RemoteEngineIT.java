package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.FreePorts;
import io.leadflow.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * leadflow in {@code remote} mode, as against a Camunda 8 cluster: the engine runs in a JVM of its
 * own and leadflow reaches it only over the network through the official client.
 */
class RemoteEngineIT {

    @Test
    void aLeadGoesFromIntakeToItsFirstContactTaskOnAnEngineInAnotherJvm() throws Exception {
        Path dataDir = Path.of("target", "remote-engine").toAbsolutePath();
        FileSystemUtils.deleteRecursively(dataDir);
        ChildJvm.Ports ports = ChildJvm.Ports.free();
        TestDatabase database = TestDatabase.create("leadflow_remote");
        RestClient api = ports.api();

        try (ChildJvm engine = ChildJvm.start("standalone-engine", "io.leadflow.engine.embedded.StandaloneEngine",
                     List.of(dataDir.toString(), "127.0.0.1", String.valueOf(ports.engine())))) {
            engine.awaitReady(Duration.ofMinutes(5), () -> ChildJvm.listening(ports.engine()));
            try (ChildJvm leadflow = ChildJvm.leadflow("remote", ports, database, List.of(
                    "--spring.profiles.active=dev",
                    "--leadflow.engine.mode=remote",
                    "--camunda.client.grpc-address=http://127.0.0.1:" + ports.engine(),
                    // The standalone engine serves no REST API: nothing listens at this address.
                    "--camunda.client.rest-address=http://127.0.0.1:" + FreePorts.pick()))) {

                JsonNode lead = FirstContactCheck.leadWithItsTask(api, "remote@andesnet.co");
                assertThat(lead.get("stage").asText()).isEqualTo("MQL");
                assertThat(lead.get("openTasks").get(0).get("name").asText()).isEqualTo("First contact");
                // The process view searches a cluster's REST API (ClusterProcessInstancesTest): without one, a 503 problem.
                ResponseEntity<JsonNode> processView = api.get().uri("/api/reports/process").retrieve()
                        .onStatus(status -> true, (request, response) -> { })
                        .toEntity(JsonNode.class);
                assertThat(processView.getStatusCode().value()).isEqualTo(503);
                assertThat(processView.getBody().get("detail").asText()).startsWith("The process engine did not answer");
                assertThat(leadflow.stop()).isIn(0, 143);
            }
            assertThat(engine.stop()).isIn(0, 143);
        } finally {
            database.drop();
        }
    }
}
