package io.leadflow.engine.embedded;

import io.camunda.client.CamundaClient;
import io.leadflow.FreePorts;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The engine recovers as a broker does: state from the newest snapshot whose records are durable, then
 * the log after it; so a crash between a state commit and the log's flush leaves state and log agreeing.
 */
class EngineRecoveryTest {

    private static final BpmnModelInstance WORK = Bpmn.createExecutableProcess("working")
            .startEvent().serviceTask("work", task -> task.zeebeJobType("work")).endEvent().done();

    @TempDir
    Path data;

    private final int port = FreePorts.pick();

    @Test
    void aCrashBetweenTheStateCommitAndTheLogFlushLeavesStateAndLogAgreeing() {
        long unflushedCommand;
        long sixth;
        long snapshotPosition;
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(WORK, "work.bpmn").send().join();
            for (int i = 0; i < 5; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("working").latestVersion().send().join();
            }
            snapshot(engine);
            snapshotPosition = engine.progress().snapshotPosition();
            assertThat(snapshotPosition).isPositive();

            // Everything processing wrote is durable; the next command is the next position.
            await().until(() -> engine.committedPosition() >= engine.writtenPosition());
            unflushedCommand = engine.committedPosition() + 1;
            engine.logStorage().holdFlushesAbove(unflushedCommand);
            sixth = client.newCreateInstanceCommand().bpmnProcessId("working").latestVersion().send().join().getProcessInstanceKey();

            // The state committed the command's processing; the records it wrote never reach the disk.
            assertThat(engine.processedPosition()).isGreaterThanOrEqualTo(unflushedCommand);
            assertThat(engine.committedPosition()).isEqualTo(unflushedCommand);
        }

        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            assertThat(engine.progress().snapshotPosition()).isEqualTo(snapshotPosition);
            // The command is processed again, and the same instance comes out of it.
            List<ActivatedJob> jobs = activateAll(client, 6);
            assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).contains(sixth).doesNotHaveDuplicates();
            assertThat(engine.committedPosition()).isGreaterThan(unflushedCommand);
            client.newCreateInstanceCommand().bpmnProcessId("working").latestVersion().send().join();
            assertThat(activateAll(client, 1)).hasSize(1);
            assertThat(engine.isHealthy()).isTrue();
        }
    }

    @Test
    void aSnapshotLetsTheLogBelowItGoAndARestartStartsFromIt() throws IOException {
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(WORK, "work.bpmn").send().join();
            for (int i = 0; i < 200; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("working").latestVersion().send().join();
            }
            snapshot(engine);
            assertThat(engine.logStorage().compactBelow(engine.progress().snapshotPosition())).isPositive();
            assertThat(engine.logStorage().firstPosition()).isGreaterThan(1);
        }
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            assertThat(activateAll(client, 200)).hasSize(200);
        }
        try (Stream<Path> snapshots = Files.list(data.resolve("snapshots"))) {
            assertThat(snapshots).hasSize(1);
        }
    }

    @Test
    void aLogThatNoLongerHoldsWhatTheSnapshotNeedsIsRefusedNamingTheWayOut() {
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(WORK, "work.bpmn").send().join();
            client.newCreateInstanceCommand().bpmnProcessId("working").latestVersion().send().join();
            snapshot(engine);
        }
        FileSystemUtils.deleteRecursively(data.resolve("log").toFile());

        assertThatThrownBy(this::start)
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining("its log ends at position -1")
                .hasMessageContaining("delete the whole directory " + data.toAbsolutePath());
    }

    @Test
    void durableRecordsCutFromTheLogAreRefusedAndATornTailIsDropped() throws IOException {
        long committed;
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(WORK, "work.bpmn").send().join();
            client.newCreateInstanceCommand().bpmnProcessId("working").latestVersion().send().join();
            await().until(() -> engine.committedPosition() >= engine.writtenPosition());
            committed = engine.committedPosition();
        }
        Path segment = lastSegment();
        Files.write(segment, new byte[] {0, 0, 1, 0, 7, 7, 7}, java.nio.file.StandardOpenOption.APPEND);
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            // the torn tail is gone, every durable record is still there (the engine may have written more since)
            assertThat(engine.logStorage().firstPosition()).isEqualTo(1);
            assertThat(engine.committedPosition()).isGreaterThanOrEqualTo(committed);
            assertThat(activateAll(client, 1)).hasSize(1);
        }

        // the run above wrote more, maybe into a new segment
        segment = lastSegment();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(Files.size(segment) - 7);
        }
        assertThatThrownBy(this::start)
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining(segment.toAbsolutePath().toString())
                .hasMessageContaining("durable")
                .hasMessageContaining("delete the whole directory " + data.toAbsolutePath());
    }

    @Test
    void smallFilesAreNeverLeftTornAndADamagedOneIsNamed() throws IOException {
        String id;
        try (EmbeddedZeebe engine = start()) {
            id = engine.id();
            engine.advanceClock(Duration.ofHours(3));
        }
        assertThat(Files.readString(data.resolve("clock-offset"))).isEqualTo("PT3H");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        try (EmbeddedZeebe engine = start()) {
            assertThat(engine.id()).isEqualTo(id);
            assertThat(engine.clockOffset()).isEqualTo(Duration.ofHours(3));
        }
        Files.writeString(data.resolve("clock-offset"), "");
        assertThatThrownBy(this::start)
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining(data.resolve("clock-offset").toAbsolutePath().toString());
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("segment-")).sorted().toList().getLast();
        }
    }

    private static void snapshot(EmbeddedZeebe engine) {
        try {
            engine.snapshot();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private EmbeddedZeebe start() {
        return EmbeddedZeebe.start(new EmbeddedZeebe.Settings(data, "127.0.0.1", port, 64 * 1024,
                Duration.ofHours(1), Duration.ofMinutes(1)));
    }

    private CamundaClient client() {
        return GatewayClients.to(port);
    }

    private static List<ActivatedJob> activateAll(CamundaClient client, int expected) {
        List<ActivatedJob> jobs = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            jobs.addAll(client.newActivateJobsCommand().jobType("work").maxJobsToActivate(expected)
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs());
            return jobs.size() >= expected;
        });
        return jobs;
    }
}
