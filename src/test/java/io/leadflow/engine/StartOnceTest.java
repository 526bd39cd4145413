package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that times out on the client may still have run in the engine; retried, it must not make
 * a second instance. The client here gives up after a millisecond, so most tries time out after
 * the engine took them.
 */
class StartOnceTest {

    private static final int PORT = 26587;
    private static final int LEADS = 40;

    @TempDir
    Path data;

    @Test
    void startsRetriedAfterClientTimeoutsMakeOneInstancePerKey() {
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(data, "127.0.0.1", PORT,
                1024 * 1024, Duration.ofMinutes(1), Duration.ofMinutes(1)));
             CamundaClient patient = client(Duration.ofSeconds(10));
             CamundaClient hasty = client(Duration.ofMillis(1))) {
            patient.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("arrival")
                    .startEvent().message("lead-arrived")
                    .serviceTask("enrich", task -> task.zeebeJobType("enrich"))
                    .endEvent().done(), "arrival.bpmn").send().join();
            EngineProperties properties = new EngineProperties(EngineProperties.Mode.EMBEDDED, data, Duration.ofDays(1), null, null);
            ProcessEngine timingOut = new CamundaProcessEngine(hasty, properties);
            ProcessEngine answering = new CamundaProcessEngine(patient, properties);

            int timeouts = 0;
            for (int lead = 0; lead < LEADS; lead++) {
                String key = "lead-" + lead;
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        timingOut.startOnce("lead-arrived", key, key, Map.of("leadId", key));
                    } catch (RuntimeException e) {
                        timeouts++;
                    }
                }
                answering.startOnce("lead-arrived", key, key, Map.of("leadId", key));
            }

            assertThat(timeouts).as("client timeouts injected").isPositive();
            List<ActivatedJob> jobs = activate(patient, LEADS * 2);
            Set<Object> leads = new HashSet<>();
            jobs.forEach(job -> leads.add(job.getVariablesAsMap().get("leadId")));
            assertThat(jobs).hasSize(LEADS);
            assertThat(leads).hasSize(LEADS);
        }
    }

    private static CamundaClient client(Duration requestTimeout) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + PORT))
                .restAddress(URI.create("http://127.0.0.1:" + (PORT + 100)))
                .preferRestOverGrpc(false)
                .defaultRequestTimeout(requestTimeout)
                .build();
    }

    /** Everything activatable, waiting until nothing more arrives for two seconds. */
    private static List<ActivatedJob> activate(CamundaClient client, int atMost) {
        List<ActivatedJob> jobs = new ArrayList<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
            List<ActivatedJob> batch = client.newActivateJobsCommand().jobType("enrich").maxJobsToActivate(atMost)
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs();
            if (!batch.isEmpty()) {
                jobs.addAll(batch);
                quietSince = System.nanoTime();
            }
        }
        return jobs;
    }
}
