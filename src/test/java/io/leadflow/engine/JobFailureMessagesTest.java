package io.leadflow.engine;

import io.leadflow.engine.embedded.GatewayClients;
import freemarker.template.Configuration;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.jobhandling.DefaultCommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy.ExceptionHandlingContext;
import io.camunda.client.metrics.DefaultNoopMetricsRecorder;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.leadflow.FreePorts;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import io.leadflow.engine.internal.ProcessEvent;
import io.leadflow.engine.internal.ProcessRecordDecoder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.leadflow.email.EmailTemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The message a failed job hands back, which its incident shows: the cause in a line, never a stack trace; a job error a
 * worker throws on purpose with its own message and retries. The last test fails jobs on the real engine.
 */
class JobFailureMessagesTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path data;

    @Test
    void aTemplateThatMissesAValueNamesTheTemplateAndTheValueWithoutFreemarkersTips() {
        Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        TemplateException missing = catchThrowableOfType(TemplateException.class, () ->
                new Template("any__any__awareness.en.ftl", "Hi ${lead.firstName},", freemarker)
                        .process(Map.of("lead", Map.of()), new StringWriter()));
        // As EmailRenderer reports it.
        var failure = new EmailTemplateException("any__any__awareness.en.ftl: " + missing.getMessage(), missing);

        String message = JobFailureMessages.describe(failure);

        assertThat(message).startsWith("any__any__awareness.en.ftl: ").contains("lead.firstName")
                .doesNotContain("Tip:", "\n", "\tat ", "caused by");
    }

    @Test
    void aRefusalDeeperDownIsAddedToWhatLeadflowWasDoing() {
        var failure = new IllegalStateException("Could not store the mail of lead 42",
                new RuntimeException(new SQLException("ERROR: the mail relay refuses this lead's mail\n  Where: PL/pgSQL")));

        assertThat(JobFailureMessages.describe(failure)).isEqualTo("Could not store the mail of lead 42 "
                + "(caused by: ERROR: the mail relay refuses this lead's mail Where: PL/pgSQL)");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedAndALongMessageIsCut() {
        assertThat(JobFailureMessages.describe(new NullPointerException())).isEqualTo("NullPointerException");
        String message = JobFailureMessages.describe(new IllegalArgumentException("x".repeat(5_000)));
        assertThat(message).hasSize(JobFailureMessages.MAX_LENGTH).endsWith("…");
    }

    @Test
    void theEnginesIncidentsCarryTheMessagesAndAJobErrorsRetriesAreItsOwn() throws Exception {
        int port = FreePorts.pick();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(data, "127.0.0.1", port, 256 * 1024,
                     Duration.ofMinutes(1), Duration.ofMinutes(1)));
             CamundaClient client = GatewayClients.to(port)) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("send").startEvent()
                    .serviceTask("mail", task -> task.zeebeJobType("mail").zeebeJobRetries("2")).endEvent().done(), "send.bpmn")
                    .send().join();
            for (int i = 0; i < 2; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("send").latestVersion().send().join();
            }
            List<ActivatedJob> jobs = activate(client, 2);
            JobFailureMessages failures = new JobFailureMessages(new DefaultCommandExceptionHandlingStrategy(
                    BackoffSupplier.newBackoffBuilder().build(), scheduler), new DefaultNoopMetricsRecorder());
            JobWorkerValue worker = new JobWorkerValue();
            worker.setMaxRetries(3);
            Exception refused = new IllegalStateException("Could not store the mail",
                    new SQLException("ERROR: the mail relay refuses this lead's mail"));

            // A job error's retries are the worker's (none here, of the 2 the model gives); an exception spends one.
            failures.handleException(CamundaError.jobError("The researched contact is not a valid lead: contactEmail is malformed",
                    null, 0), new ExceptionHandlingContext(client, jobs.get(1), worker));
            failures.handleException(refused, new ExceptionHandlingContext(client, jobs.get(0), worker));
            await().atMost(PATIENCE).until(() -> incidentMessages(engine),
                    List.of("The researched contact is not a valid lead: contactEmail is malformed")::equals);
            ActivatedJob again = activate(client, 1).getFirst();
            assertThat(again.getKey()).isEqualTo(jobs.get(0).getKey());
            assertThat(again.getRetries()).isEqualTo(1);
            failures.handleException(refused, new ExceptionHandlingContext(client, again, worker));

            await().atMost(PATIENCE).until(() -> incidentMessages(engine), messages -> messages.size() == 2);
            assertThat(incidentMessages(engine).get(1))
                    .isEqualTo("Could not store the mail (caused by: ERROR: the mail relay refuses this lead's mail)");
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static List<ActivatedJob> activate(CamundaClient client, int expected) {
        List<ActivatedJob> jobs = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            jobs.addAll(client.newActivateJobsCommand().jobType("mail").maxJobsToActivate(expected - jobs.size())
                    .timeout(Duration.ofMinutes(10)).send().join().getJobs());
            return jobs.size() >= expected;
        });
        return jobs;
    }

    private static List<String> incidentMessages(EmbeddedZeebe engine) {
        ProcessRecordDecoder decoder = new ProcessRecordDecoder();
        List<String> messages = new ArrayList<>();
        try (LogStreamReader reader = engine.newLogReader()) {
            reader.seekToFirstEvent();
            while (reader.hasNext()) {
                if (decoder.decode(reader.next()) instanceof ProcessEvent.IncidentCreated incident) {
                    messages.add(incident.errorMessage());
                }
            }
        }
        return messages;
    }
}
