package io.leadflow.engine.embedded;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Timers fall due while the engine is busy (every new instance's timer is due at once): the engine's due-date check
 * runs again and again before its triggers are processed, yet writes a timer's trigger once, as a broker does
 * ({@link ScheduledCommandsInFlight}).
 */
class DueTimersTest {

    private static final int TIMERS = 300;

    @TempDir
    Path data;

    @Test
    void aTimerDueWhileItsTriggerWaitsInTheLogIsTriggeredOnce() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // No snapshot, hence no compaction, while the test reads the whole log.
        EmbeddedZeebe.Settings settings = new EmbeddedZeebe.Settings(data, "127.0.0.1", port, 64L * 1024 * 1024, Duration.ofHours(1),
                Duration.ofMinutes(1));
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(settings);
             CamundaClient client = GatewayClients.to(port)) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("due").startEvent()
                    .intermediateCatchEvent("now", event -> event.timerWithDuration("PT0S")).endEvent().done(), "due.bpmn").send().join();
            List<CompletableFuture<ProcessInstanceEvent>> started = IntStream.range(0, TIMERS)
                    .mapToObj(i -> client.newCreateInstanceCommand().bpmnProcessId("due").latestVersion().send().toCompletableFuture())
                    .toList();
            started.forEach(CompletableFuture::join);

            await().atMost(Duration.ofMinutes(2)).until(() -> timerRecords(engine, RecordType.EVENT, TimerIntent.TRIGGERED) == TIMERS);
            // Without the record of triggers in flight it wrote about five per timer; a check that read a timer just
            // before its trigger was processed may still write one more (the engine rejects it), as in a broker.
            assertThat(timerRecords(engine, RecordType.COMMAND, TimerIntent.TRIGGER)).isBetween((long) TIMERS, TIMERS + TIMERS / 10L);
        }
    }

    private static long timerRecords(EmbeddedZeebe engine, RecordType type, TimerIntent intent) {
        RecordMetadata metadata = new RecordMetadata();
        long count = 0;
        try (LogStreamReader reader = engine.newLogReader()) {
            reader.seekToFirstEvent();
            while (reader.hasNext()) {
                LoggedEvent event = reader.next();
                event.readMetadata(metadata);
                if (metadata.getValueType() == ValueType.TIMER && metadata.getRecordType() == type && metadata.getIntent() == intent) {
                    count++;
                }
            }
        }
        return count;
    }
}
