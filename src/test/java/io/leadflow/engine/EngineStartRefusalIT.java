package io.leadflow.engine;

import io.leadflow.engine.embedded.GatewayClients;
import io.camunda.client.CamundaClient;
import io.leadflow.FreePorts;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import io.leadflow.engine.embedded.StandaloneEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A data directory the engine cannot recover from ends the start: the process exits non-zero, soon,
 * with a message naming the file and the way out. It never hangs.
 */
class EngineStartRefusalIT {

    // Generous: the property is that it ends on its own; a start on a machine at load 20 takes a minute by itself.
    private static final Duration BOUND = Duration.ofMinutes(4);

    @TempDir
    Path data;

    @Test
    void aLogDeletedBesideItsSnapshotIsRefusedWithTheWayOut() throws Exception {
        runEngineUntilSnapshotted();
        FileSystemUtils.deleteRecursively(data.resolve("log"));

        String output = startExpectingRefusal();

        assertThat(output).contains("its log ends at position -1").contains("delete the whole directory " + data.toAbsolutePath());
    }

    @Test
    void durableRecordsCutFromTheLogAreRefusedNamingTheFile() throws Exception {
        runEngineUntilSnapshotted();
        Path segment;
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            segment = files.filter(file -> file.getFileName().toString().startsWith("segment-")).sorted().toList().getLast();
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 7);
        }

        String output = startExpectingRefusal();

        assertThat(output).contains(segment.toAbsolutePath().toString()).contains("durable")
                .contains("delete the whole directory " + data.toAbsolutePath());
    }

    private void runEngineUntilSnapshotted() {
        int port = FreePorts.pick();
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(data, "127.0.0.1", port, 1024 * 1024,
                Duration.ofMillis(200), Duration.ofMinutes(1)));
             CamundaClient client = GatewayClients.to(port)) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("waiting").startEvent()
                    .serviceTask("wait", task -> task.zeebeJobType("wait")).endEvent().done(), "waiting.bpmn").send().join();
            client.newCreateInstanceCommand().bpmnProcessId("waiting").latestVersion().send().join();
            await().atMost(Duration.ofMinutes(2)).until(() -> engine.progress().snapshotPosition() > 0);
        }
    }

    private String startExpectingRefusal() throws Exception {
        try (ChildJvm engine = ChildJvm.start("refused-engine", StandaloneEngine.class.getName(),
                List.of(data.toString(), "127.0.0.1", String.valueOf(FreePorts.pick())))) {
            assertThat(engine.awaitExit(BOUND)).as("exit code").isNotZero();
            return engine.output();
        }
    }
}
