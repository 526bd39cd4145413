package io.leadflow.engine.embedded;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.api.worker.JobWorkerBuilderStep1.JobWorkerBuilderStep3;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Job polls of an engine that has no job for them are answered without a command on its log, so an idle
 * engine's log stands still however often its workers poll; a job that becomes activatable (created with no
 * stream to push it to, timed out) is still found by the next poll.
 */
class JobPollsTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path data;

    private final AtomicLong polls = new AtomicLong();
    private final List<Long> handled = new CopyOnWriteArrayList<>();
    private EmbeddedZeebe engine;
    private CamundaClient client;

    @BeforeEach
    void startEngineWithAProcessOfOneJob() throws IOException {
        int port = freePort();
        engine = EmbeddedZeebe.start(EmbeddedZeebeTest.settings(data, port));
        client = client(port);
        client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("work").startEvent()
                .serviceTask("task", task -> task.zeebeJobType("work")).endEvent().done(), "work.bpmn").send().join();
    }

    @AfterEach
    void stopEngine() {
        client.close();
        engine.close();
    }

    @Test
    void anIdleEnginesLogStandsStillWhileItsWorkersPoll() {
        try (JobWorker worker = worker(handOut -> true).streamEnabled(false).pollInterval(Duration.ofMillis(20)).open()) {
            // A job made while the engine had none of its type (and no stream to push it to) is polled.
            runOneInstance();
            assertThat(handled).hasSize(1);

            long pollsAfterWork = polls.get();
            await().atMost(PATIENCE).until(() -> polls.get() >= pollsAfterWork + 3
                    && engine.committedPosition() == engine.writtenPosition());
            long settled = engine.committedPosition();
            long pollsWhileIdle = polls.get();
            await().atMost(PATIENCE).until(() -> polls.get() >= pollsWhileIdle + 50);

            assertThat(engine.committedPosition()).as("the log after 50 polls of an idle engine").isEqualTo(settled);
            runOneInstance();
            assertThat(handled).as("a job made after the idle polls").hasSize(2);
        }
    }

    @Test
    void aJobLeftToTimeOutIsHandedOutAgain() {
        // The first hand-out is left to time out (a worker killed with the job in hand).
        try (JobWorker worker = worker(handOut -> handOut > 1).timeout(Duration.ofSeconds(1)).streamEnabled(true).open()) {
            runOneInstance();
        }
        assertThat(handled).hasSize(2).containsOnly(handled.get(0));
    }

    /** A worker of the job that notes every hand-out and completes the job at the hand-outs {@code completes} says (counted from 1). */
    private JobWorkerBuilderStep3 worker(IntPredicate completes) {
        return client.newWorker().jobType("work").handler((jobs, job) -> {
            handled.add(job.getKey());
            if (completes.test(handled.size())) {
                jobs.newCompleteCommand(job).send().join();
            }
        });
    }

    /** Starts an instance and returns once it has ended. */
    private void runOneInstance() {
        client.newCreateInstanceCommand().bpmnProcessId("work").latestVersion().withResult()
                .requestTimeout(PATIENCE).send().join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A client that counts the job polls the engine answered. */
    private CamundaClient client(int port) {
        return GatewayClients.builder(port)
                .withInterceptors(new PollCounter())
                .build();
    }

    private final class PollCounter implements ClientInterceptor {
        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            ClientCall<Q, A> call = next.newCall(method, options);
            if (!method.getBareMethodName().equals("ActivateJobs")) {
                return call;
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            if (status.isOk()) {
                                polls.incrementAndGet();
                            }
                            super.onClose(status, trailers);
                        }
                    }, headers);
                }
            };
        }
    }
}
