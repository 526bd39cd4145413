package io.leadflow.engine.embedded;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.leadflow.FreePorts;
import io.leadflow.platform.PortTakenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The durable engine alone: what it keeps across a stop, and how it refuses to start. */
class EmbeddedZeebeTest {

    static final int PORT = FreePorts.pick();
    private static final BpmnModelInstance WORK_THEN_WAIT = Bpmn.createExecutableProcess("work-then-wait")
            .startEvent()
            .serviceTask("work", task -> task.zeebeJobType("work"))
            .intermediateCatchEvent("wait", event -> event.timerWithDuration("PT1H"))
            .serviceTask("after", task -> task.zeebeJobType("after"))
            .endEvent()
            .done();

    @TempDir
    Path data;

    @Test
    void instancesJobsAndTimersOutliveAStopAndATimerDueWhileDownFiresAtStart() throws IOException {
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(WORK_THEN_WAIT, "work-then-wait.bpmn").send().join();
            for (int i = 0; i < 20; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("work-then-wait").latestVersion().send().join();
            }
        }
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            List<ActivatedJob> work = activateAll(client, "work", 20);
            assertThat(work).hasSize(20);
            work.forEach(job -> client.newCompleteCommand(job).send().join());
        }
        // An hour and a bit passes while the engine is down.
        Files.writeString(data.resolve("clock-offset"), Duration.ofMinutes(61).toString());
        try (EmbeddedZeebe engine = start(); CamundaClient client = client()) {
            assertThat(engine.clockOffset()).isEqualTo(Duration.ofMinutes(61));
            assertThat(activateAll(client, "after", 20)).hasSize(20);
            assertThat(engine.processedPosition()).isPositive();
            assertThat(engine.committedPosition()).isGreaterThanOrEqualTo(engine.processedPosition());
        }
    }

    @Test
    void theIdentityOfTheDataDirectoryStaysAcrossRestarts() {
        String id;
        try (EmbeddedZeebe engine = start()) {
            id = engine.id();
        }
        try (EmbeddedZeebe engine = start()) {
            assertThat(engine.id()).isEqualTo(id);
        }
    }

    @Test
    void aSecondEngineOnTheSameDataDirectoryIsRefused() {
        try (EmbeddedZeebe engine = start()) {
            assertThatThrownBy(() -> EmbeddedZeebe.start(settings(data, PORT + 1)))
                    .isInstanceOf(EngineStartException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void aTakenPortIsRefusedClearlyAndLeavesNoEngineThreadBehind() throws IOException {
        long engineThreadsBefore = engineThreads();
        try (ServerSocket taken = new ServerSocket(PORT, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(this::start)
                    .hasMessageContaining("Port " + PORT + " is taken")
                    .isInstanceOfSatisfying(PortTakenException.class,
                            portTaken -> assertThat(portTaken.action()).contains("leadflow.engine.embedded.port"));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> engineThreads() == engineThreadsBefore);
        try (EmbeddedZeebe engine = start()) {
            assertThat(engine.isHealthy()).isTrue();
        }
    }

    /** The engine's actor threads keep a JVM alive: a failed start must stop them. */
    private static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon() && thread.getName().startsWith("zb-")).count();
    }

    private EmbeddedZeebe start() {
        return EmbeddedZeebe.start(settings(data, PORT));
    }

    static EmbeddedZeebe.Settings settings(Path data, int port) {
        return new EmbeddedZeebe.Settings(data, "127.0.0.1", port, 1024 * 1024, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    static CamundaClient client() {
        return GatewayClients.to(PORT);
    }

    static List<ActivatedJob> activateAll(CamundaClient client, String type, int expected) {
        List<ActivatedJob> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jobs.size() < expected && System.nanoTime() < deadline) {
            jobs.addAll(client.newActivateJobsCommand().jobType(type).maxJobsToActivate(expected)
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs());
        }
        return jobs;
    }
}
