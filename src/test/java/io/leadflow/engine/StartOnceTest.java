package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
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
import io.leadflow.FreePorts;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A start whose answer never reaches the client (it timed out, the connection broke) may still have run in the engine;
 * retried, it must not make a second instance. The first client here loses every answer, after the engine took the
 * request, so every one of its tries is such a start.
 */
class StartOnceTest {

    private static final int PORT = FreePorts.pick();
    private static final int LEADS = 40;
    private static final int TRIES = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path data;

    @Test
    void startsRetriedAfterTheirAnswerWasLostMakeOneInstancePerKey() {
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(data, "127.0.0.1", PORT,
                1024 * 1024, Duration.ofMinutes(1), Duration.ofMinutes(1)));
             CamundaClient answered = client();
             CamundaClient losingAnswers = client(new AnswerLost())) {
            answered.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("arrival")
                    .startEvent().message("lead-arrived")
                    .serviceTask("enrich", task -> task.zeebeJobType("enrich"))
                    .endEvent().done(), "arrival.bpmn").send().join();
            EngineProperties properties = new EngineProperties(EngineProperties.Mode.EMBEDDED, data, Duration.ofDays(1), null, null, null);
            ProcessEngine losing = new CamundaProcessEngine(losingAnswers, properties);
            ProcessEngine answering = new CamundaProcessEngine(answered, properties);

            int lost = 0;
            for (int lead = 0; lead < LEADS; lead++) {
                String key = "lead-" + lead;
                for (int attempt = 0; attempt < TRIES; attempt++) {
                    try {
                        losing.startOnce("lead-arrived", key, key, Map.of("leadId", key));
                    } catch (RuntimeException e) {
                        lost++;
                    }
                }
                answering.startOnce("lead-arrived", key, key, Map.of("leadId", key));
            }

            assertThat(lost).as("answers lost").isEqualTo(LEADS * TRIES);
            List<ActivatedJob> jobs = activate(answered, LEADS);
            Set<Object> leads = new HashSet<>();
            jobs.forEach(job -> leads.add(job.getVariablesAsMap().get("leadId")));
            assertThat(leads).hasSize(LEADS);
            // Once the engine has processed every start, its log holds the instances there are: one per lead.
            EngineRecords records = await().atMost(PATIENCE).until(() -> EngineRecords.readAll(engine.newLogReader()),
                    read -> read.workUnderWay(read.instances(), Instant.now(), type -> false).isEmpty());
            assertThat(records.instances()).hasSize(LEADS);
            for (Object lead : leads) {
                assertThat(records.instancesOf((String) lead)).as("instances of %s", lead).hasSize(1);
            }
        }
    }

    private static CamundaClient client(ClientInterceptor... interceptors) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + PORT))
                .restAddress(URI.create("http://127.0.0.1:" + (PORT + 100)))
                .preferRestOverGrpc(false)
                .withInterceptors(interceptors)
                .build();
    }

    /** The jobs of the instances, activated until there are as many as expected. */
    private static List<ActivatedJob> activate(CamundaClient client, int expected) {
        List<ActivatedJob> jobs = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            jobs.addAll(client.newActivateJobsCommand().jobType("enrich").maxJobsToActivate(expected)
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs());
            return jobs.size() >= expected;
        });
        return jobs;
    }

    /** Lets every call reach the engine and loses its answer, as when the client gave up after the engine took it. */
    private static final class AnswerLost implements ClientInterceptor {

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onMessage(A answer) {
                            // lost
                        }

                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            super.onClose(Status.DEADLINE_EXCEEDED.withDescription("the answer was lost"), trailers);
                        }
                    }, headers);
                }
            };
        }
    }
}
