package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.leadflow.FreePorts;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rep's task can be withdrawn by its process between the moment the engine hands out its job and the moment
 * leadflow holds it (a manager's decision made moot by the rep at the same moment): the hold finds the job gone and
 * says so, so the task closes then and not at its due.
 */
class JobHoldTest {

    private static final int PORT = FreePorts.pick();
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path data;

    @Test
    void holdingAJobTheProcessWithdrewRunsWhenGoneAndHoldingALiveJobKeepsIt() throws Exception {
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(data, "127.0.0.1", PORT,
                1024 * 1024, Duration.ofMinutes(1), Duration.ofMinutes(1)));
             CamundaClient client = CamundaClient.newClientBuilder()
                     .grpcAddress(URI.create("http://127.0.0.1:" + PORT))
                     .restAddress(URI.create("http://127.0.0.1:" + (PORT + 100)))
                     .preferRestOverGrpc(false)
                     .build()) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("decision")
                    .startEvent().serviceTask("decide", task -> task.zeebeJobType("decide")).endEvent().done(),
                    "decision.bpmn").send().join();
            long withdrawn = client.newCreateInstanceCommand().bpmnProcessId("decision").latestVersion().send().join()
                    .getProcessInstanceKey();
            client.newCreateInstanceCommand().bpmnProcessId("decision").latestVersion().send().join();
            List<ActivatedJob> jobs = await().atMost(PATIENCE).until(() -> client.newActivateJobsCommand().jobType("decide")
                    .maxJobsToActivate(2).timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500))
                    .send().join().getJobs(), activated -> activated.size() == 2);
            ActivatedJob gone = jobs.stream().filter(job -> job.getProcessInstanceKey() == withdrawn).findFirst().orElseThrow();
            ActivatedJob live = jobs.stream().filter(job -> job != gone).findFirst().orElseThrow();
            client.newCancelInstanceCommand(withdrawn).send().join();
            ProcessEngine processEngine = new CamundaProcessEngine(client,
                    new EngineProperties(EngineProperties.Mode.EMBEDDED, data, Duration.ofDays(1), null, null, null));

            CountDownLatch goneSaid = new CountDownLatch(1);
            processEngine.holdJob(gone.getKey(), goneSaid::countDown);
            assertThat(goneSaid.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the hold said the job is gone").isTrue();

            processEngine.holdJob(live.getKey(), () -> {
                throw new AssertionError("a live job is not gone");
            });
            assertThat(processEngine.jobExists(live.getKey())).isTrue();
        }
    }
}
