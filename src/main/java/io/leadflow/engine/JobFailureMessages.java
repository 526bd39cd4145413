package io.leadflow.engine;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.CommandWrapper;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobHandlingUtil;
import io.camunda.client.metrics.MetricsRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * A worker that fails hands its job back with a message that says what went wrong (the template and the value it
 * missed, the database's refusal), which the incident shows once the retries are spent: the SDK's own would send the
 * whole stack trace, which buries the cause on the managers' page and in Operate. The stack trace goes to the log.
 * A job error a worker throws on purpose fails the job as it says, with its own message; a BPMN error is left to the SDK.
 */
@Component
class JobFailureMessages implements JobExceptionHandlingStrategy {

    private static final Logger log = LoggerFactory.getLogger(JobFailureMessages.class);
    /** Enough for the cause and where it happened; the rest is in the log. */
    static final int MAX_LENGTH = 1_000;

    private final DefaultJobExceptionHandlingStrategy sdk;
    private final CommandExceptionHandlingStrategy commands;
    private final MetricsRecorder metrics;

    JobFailureMessages(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics) {
        this.sdk = new DefaultJobExceptionHandlingStrategy(commands, metrics);
        this.commands = commands;
        this.metrics = metrics;
    }

    @Override
    public void handleException(Exception exception, ExceptionHandlingContext context) throws Exception {
        if (exception instanceof BpmnError) {
            sdk.handleException(exception, context);
            return;
        }
        ActivatedJob job = context.job();
        // A job error is a failure the worker foresaw: its message, retries, backoff and variables are the worker's.
        JobError foreseen = exception instanceof JobError error ? error : null;
        int retries = foreseen != null && foreseen.getRetries() != null ? foreseen.getRetries() : Math.max(job.getRetries() - 1, 0);
        String message = foreseen != null && foreseen.getErrorMessage() != null ? foreseen.getErrorMessage() : describe(exception);
        if (foreseen != null) {
            log.info("Job {} of type {} failed ({} retries left): {}", job.getKey(), job.getType(), retries, message);
        } else {
            log.warn("Job {} of type {} failed ({} retries left): {}", job.getKey(), job.getType(), retries, message, exception);
        }
        var fail = context.jobClient().newFailCommand(job.getKey()).retries(retries).errorMessage(message)
                .retryBackoff(foreseen != null && foreseen.getRetryBackoff() != null ? foreseen.getRetryBackoff() : Duration.ZERO);
        if (foreseen != null && foreseen.getVariables() != null) {
            fail = JobHandlingUtil.applyVariables(foreseen.getVariables(), fail);
        }
        new CommandWrapper(fail, job, commands, metrics, context.jobWorkerValue().getMaxRetries())
                .executeAsyncWithMetrics("camunda.job.invocations", "failed", job.getType());
    }

    /**
     * What failed, in a line: the outermost message (it names what leadflow was doing, e.g. the template), and the root
     * cause's when it adds to it. Freemarker's tips after its message are left out.
     */
    static String describe(Throwable failure) {
        String outer = null;
        String root = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String summary = summary(cause);
            if (summary != null) {
                outer = outer == null ? summary : outer;
                root = summary;
            }
        }
        if (outer == null) {
            return failure.getClass().getSimpleName();
        }
        String message = outer.contains(root) ? outer : outer + " (caused by: " + root + ")";
        return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String summary(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        int tips = message.indexOf("\n----");
        return (tips < 0 ? message : message.substring(0, tips)).replaceAll("\\s+", " ").strip();
    }
}
