package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.impl.CamundaClientBuilderImpl;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.decision.DecisionEvaluationRecord;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.impl.record.value.job.JobBatchRecord;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.impl.record.value.message.MessageRecord;
import io.camunda.zeebe.protocol.impl.record.value.timer.TimerRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DecisionEvaluationIntent;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.util.buffer.BufferUtil;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import org.agrona.DirectBuffer;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Zeebe engine of its own for a what-if run: the embedded engine on a temporary data directory,
 * with a virtual clock that is moved to the next due timer (or arrival, or answer); between moves the engine's clock is
 * pinned to the moment moved to, as {@link #now()} is, so what the run and the engine compute from it does not depend on
 * how fast the machine is, and the due timers are triggered at once, not when the engine's own check comes round. The engine's own clock may
 * not go back before the moment it started (its timers would never fire), so it runs a whole number of weeks ahead of
 * the virtual time: every time handed to the engine goes through {@link #toEngine}, every time read from it through
 * {@link #fromEngine}. It never sees the
 * live engine's state; closing it deletes its directory. Its log tells the run which timers are due, which job types
 * have work, which jobs were activated, which job answers were rejected, what the decisions evaluated and which
 * incidents were raised, so the run never waits on a guess; the messages, the jobs' activations and answers and the
 * decisions' evaluations are written to it, not sent as requests, and a wait ends the moment the engine's processing
 * has caught up with its log. Used by one thread at a time.
 */
public final class SandboxEngine implements AutoCloseable {

    /** A model the engine refused to deploy, with the engine's reason (it names the file and element). */
    public static class ModelRejectedException extends RuntimeException {
        public ModelRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What one deployment holds: process definition and decision keys by their ids. */
    public record Deployment(Map<String, Long> processes, Map<String, Long> decisions) {
    }

    /** A worker's answer to a job: completed with these variables, or failed with no retries left for this reason. */
    public record JobAnswer(long jobKey, Map<String, Object> variables, String failure) {

        public static JobAnswer completed(long jobKey, Map<String, Object> variables) {
            return new JobAnswer(jobKey, variables, null);
        }

        public static JobAnswer failed(long jobKey, String reason) {
            return new JobAnswer(jobKey, null, reason);
        }
    }

    /** A job activated for the run, with what its worker reads of it. */
    public record Job(long key, String type, String bpmnProcessId, String elementId, long processInstanceKey,
                      Map<String, String> customHeaders, Map<String, Object> variables) {
    }

    /** An incident the engine raised: where and why. */
    public record Incident(long processInstanceKey, String processId, String elementId, String errorType, String message) {
    }

    /** A message to publish: its name, correlation key and variables. */
    public record Message(String name, String correlationKey, Object variables) {
    }

    /** A deployed decision to evaluate, by its key, with the variables it reads. */
    public record DecisionInput(long decisionKey, Map<String, Object> variables) {
    }

    /** A decision as the engine evaluated it: its evaluation, or the engine's reason why it failed. */
    public record Decided(DecisionEvaluation evaluation, String failure) {

        /** The evaluation; throws with the engine's reason when it failed, as the answer to a request does. */
        public DecisionEvaluation orThrow() {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return evaluation;
        }
    }

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** How often a wait looks whether the engine failed: a failed engine's processing wakes no one. */
    private static final Duration PROBLEM_CHECK_INTERVAL = Duration.ofMillis(100);
    /** The order the engine's due-date check triggers timers in: by due date, element instance, key. */
    private static final Comparator<EmbeddedZeebe.DueTimer> DUE_ORDER = Comparator
            .comparingLong((EmbeddedZeebe.DueTimer timer) -> timer.created().getDueDate())
            .thenComparingLong(timer -> timer.created().getElementInstanceKey())
            .thenComparingLong(EmbeddedZeebe.DueTimer::key);
    private static final long USER_TASK_HOLD_DAYS = 3650;

    private final Path directory;
    private final EmbeddedZeebe engine;
    private final CamundaClient client;
    private final LogStreamReader reader;
    private final RecordMetadata metadata = new RecordMetadata();
    private final JobRecord job = new JobRecord();
    private final IncidentRecord incident = new IncidentRecord();
    /** The timers whose end (triggered, or cancelled) the log does not show yet, by key, as created. */
    private final Map<Long, EmbeddedZeebe.DueTimer> timers = new HashMap<>();
    /**
     * Those of them whose trigger this sandbox has not written yet, in due order: each step of the clock reads the first
     * ones only, however many timers the leads wait on.
     */
    private final NavigableSet<EmbeddedZeebe.DueTimer> notTriggered = new TreeSet<>(DUE_ORDER);
    /** The jobs the engine activated for this sandbox, not taken yet. */
    private final List<Job> activated = new ArrayList<>();
    /** The engine's rejections of the job answers written, by job key, not taken yet. */
    private final Map<Long, String> rejectedAnswers = new HashMap<>();
    /** The decisions evaluated for this sandbox, by the position of the command that asked, not taken yet. */
    private final Map<Long, Decided> decided = new HashMap<>();
    /**
     * The jobs a worker could activate now, by type, as far as the log shows: an activation asks only for the types that
     * have one, instead of asking each type once more to find it has none left.
     */
    private final Map<String, Set<Long>> activatable = new LinkedHashMap<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final Duration shift;
    private Instant now;

    private SandboxEngine(Path directory, EmbeddedZeebe engine, CamundaClient client, Instant now, Duration shift) {
        this.directory = directory;
        this.now = now;
        this.shift = shift;
        this.engine = engine;
        this.client = client;
        this.reader = engine.newLogReader();
        reader.seekToFirstEvent();
    }

    /**
     * Starts a sandbox whose clock stands at {@code now}. Its client (for the deployment) talks to the engine in-process;
     * the engine's gateway port is one the system picks, since nothing connects to it.
     */
    public static SandboxEngine start(Instant now) {
        Path directory;
        try {
            directory = Files.createTempDirectory("leadflow-sandbox-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedZeebe engine = null;
        try {
            engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(directory, "127.0.0.1", 0, 16L * 1024 * 1024,
                    Duration.ofDays(1), Duration.ofMinutes(1), true));
            Duration shift = Duration.ofDays(7 * (Math.max(0, Duration.between(now, Instant.now()).toDays()) / 7 + 1));
            engine.pinClock(now.plus(shift));
            CamundaClientBuilderImpl configuration = new CamundaClientBuilderImpl();
            configuration.preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofMinutes(1));
            CamundaClient client = engine.inProcessClient(configuration);
            return new SandboxEngine(directory, engine, client, now, shift);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            FileSystemUtils.deleteRecursively(directory.toFile());
            throw e;
        }
    }

    /** Deploys the models in one deployment, as leadflow deploys processes/. */
    public Deployment deploy(Map<String, byte[]> models) {
        DeployResourceCommandStep2 command = null;
        for (Map.Entry<String, byte[]> model : models.entrySet()) {
            command = command == null ? client.newDeployResourceCommand().addResourceBytes(model.getValue(), model.getKey())
                    : command.addResourceBytes(model.getValue(), model.getKey());
        }
        if (command == null) {
            throw new ModelRejectedException("No models to deploy", null);
        }
        try {
            DeploymentEvent deployment = command.send().join();
            Map<String, Long> processes = new HashMap<>();
            deployment.getProcesses().forEach(p -> processes.put(p.getBpmnProcessId(), p.getProcessDefinitionKey()));
            Map<String, Long> decisions = new HashMap<>();
            deployment.getDecisions().forEach(d -> decisions.put(d.getDmnDecisionId(), d.getDecisionKey()));
            return new Deployment(Map.copyOf(processes), Map.copyOf(decisions));
        } catch (ClientStatusException e) {
            throw new ModelRejectedException(e.getMessage(), e);
        }
    }

    /** Starts an instance of the process definition with these variables; returns its key. */
    public long startInstance(long processDefinitionKey, Object variables) {
        return client.newCreateInstanceCommand().processDefinitionKey(processDefinitionKey).variables(variables)
                .send().join().getProcessInstanceKey();
    }

    /**
     * Publishes the messages, in this order, each to the instances waiting for it under its correlation key or to a
     * message start event; with no time to live: one nobody waits for is gone, as a sign that came when no model
     * listened. They are written to the engine's log in one batch, as the gateway writes a request's, and not waited
     * for: the next wait ({@link #awaitIdle}, or that of a batch of job commands) covers them.
     */
    public void publishMessages(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        engine.writeCommands(messages.stream().map(message -> new EmbeddedZeebe.Command(-1, ValueType.MESSAGE,
                MessageIntent.PUBLISH, new MessageRecord().setName(message.name()).setCorrelationKey(message.correlationKey())
                .setTimeToLive(0).setVariables(msgPack(message.variables())))).toList());
    }

    /**
     * Evaluates the deployed decisions, each by its key, and returns their results in the same order (a failed one with
     * the engine's reason). They are written to the engine's log in one batch, as the gateway writes a request's, and
     * each result is read from the engine's answer there, not asked for with a request each.
     */
    public List<Decided> evaluateDecisions(List<DecisionInput> decisions) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        long last = engine.writeCommands(decisions.stream().map(decision -> new EmbeddedZeebe.Command(-1,
                ValueType.DECISION_EVALUATION, DecisionEvaluationIntent.EVALUATE, new DecisionEvaluationRecord()
                .setDecisionKey(decision.decisionKey()).setVariables(msgPack(decision.variables())))).toList());
        long first = last - decisions.size() + 1;
        for (long position = first; position <= last; position++) {
            decided.put(position, null);
        }
        awaitRest(System.nanoTime() + IDLE_TIMEOUT.toNanos());
        readLog();
        List<Decided> results = new ArrayList<>();
        for (long position = first; position <= last; position++) {
            Decided result = decided.remove(position);
            if (result == null) {
                throw new IllegalStateException("The sandbox engine did not answer the decision asked at log position " + position);
            }
            results.add(result);
        }
        return results;
    }

    /**
     * The jobs of every type that has work, activated (the types asked together); a user task's job is held for years
     * of virtual time, the way the task list holds it until a rep completes it. Returns nothing once no job waits. The
     * activations are written to the engine's log as the gateway writes a worker's, and the jobs read from the engine's
     * answer there, their variables through the client's JSON mapping, as a worker's are: no request and answer each.
     */
    public List<Job> activateJobs() {
        readLog();
        List<String> asked = activatable.entrySet().stream().filter(type -> !type.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
        if (asked.isEmpty()) {
            return List.of();
        }
        List<EmbeddedZeebe.Command> activations = new ArrayList<>();
        for (String type : asked) {
            activations.add(new EmbeddedZeebe.Command(-1, ValueType.JOB_BATCH, JobBatchIntent.ACTIVATE, new JobBatchRecord()
                    .setType(type).setWorker("sandbox").setTimeout(Duration.ofDays(USER_TASK_HOLD_DAYS).toMillis())
                    .setMaxJobsToActivate(1000)));
        }
        engine.writeCommands(activations);
        awaitRest(System.nanoTime() + IDLE_TIMEOUT.toNanos());
        readLog();
        List<Job> jobs = List.copyOf(activated);
        activated.clear();
        for (String type : asked) {
            if (jobs.stream().noneMatch(job -> job.type().equals(type))) {
                // None was activatable after all (a failed job waits for an incident's resolution).
                activatable.remove(type);
            }
        }
        return jobs;
    }

    /**
     * Hands the answers to their jobs, in this order, and waits until the engine is at rest (without triggering the timers
     * due meanwhile: {@link #awaitIdle} does); returns those the engine rejected (the job was gone: its scope ended), with
     * the reason. They are written to the engine's log in one batch, as the gateway writes a worker's, instead of a
     * request and an answer each; the variables go through the client's JSON mapping, as a request's do.
     */
    public Map<Long, String> answerJobs(List<JobAnswer> answers) {
        if (answers.isEmpty()) {
            return Map.of();
        }
        List<EmbeddedZeebe.Command> commands = new ArrayList<>();
        for (JobAnswer answer : answers) {
            JobRecord value = new JobRecord();
            if (answer.failure() == null) {
                value.setVariables(msgPack(answer.variables()));
                commands.add(new EmbeddedZeebe.Command(answer.jobKey(), ValueType.JOB, JobIntent.COMPLETE, value));
            } else {
                value.setRetries(0).setErrorMessage(answer.failure());
                commands.add(new EmbeddedZeebe.Command(answer.jobKey(), ValueType.JOB, JobIntent.FAIL, value));
            }
        }
        engine.writeCommands(commands);
        awaitRest(System.nanoTime() + IDLE_TIMEOUT.toNanos());
        readLog();
        Map<Long, String> rejected = new HashMap<>();
        for (JobAnswer answer : answers) {
            String reason = rejectedAnswers.get(answer.jobKey());
            if (reason != null) {
                rejected.put(answer.jobKey(), reason);
            }
        }
        rejectedAnswers.clear();
        return rejected;
    }

    /** A moment of the virtual time as the engine's clock shows it: for a time handed to the engine (a due date). */
    public Instant toEngine(Instant virtual) {
        return virtual.plus(shift);
    }

    /** A moment of the engine's clock in virtual time: for a time read from the engine (a task's due date). */
    public Instant fromEngine(Instant engineTime) {
        return engineTime.minus(shift);
    }

    /** The virtual "now": the moment the clock was last moved to. */
    public Instant now() {
        return now;
    }

    /** Moves the virtual clock to {@code at} (never back) and waits until what became due has happened. */
    public void moveClockTo(Instant at) {
        if (at.isAfter(now)) {
            engine.pinClock(toEngine(at));
            now = at;
        }
        awaitIdle();
    }

    /** The earliest due date of a timer that has not fired yet. */
    public Optional<Instant> nextTimerDue() {
        readLog();
        return notTriggered.isEmpty() ? Optional.empty()
                : Optional.of(fromEngine(Instant.ofEpochMilli(notTriggered.first().created().getDueDate())));
    }

    /** The incidents raised since the last call. */
    public List<Incident> takeIncidents() {
        readLog();
        List<Incident> taken = List.copyOf(incidents);
        incidents.clear();
        return taken;
    }

    /**
     * Waits until the engine is at rest at this moment: it has processed everything it was sent, and every timer due by
     * now has fired. The sandbox triggers the due timers itself, in the order of their due dates (as the engine's check
     * would), each time the engine is at rest, so what a timer's trigger meets never depends on how fast the engine got
     * there. Bounded, so a stuck engine ends the run with a message instead of hanging it.
     */
    public void awaitIdle() {
        long deadline = System.nanoTime() + IDLE_TIMEOUT.toNanos();
        while (true) {
            awaitRest(deadline);
            readLog();
            long engineNow = toEngine(now).toEpochMilli();
            List<EmbeddedZeebe.DueTimer> due = new ArrayList<>();
            while (!notTriggered.isEmpty() && notTriggered.first().created().getDueDate() <= engineNow) {
                due.add(notTriggered.pollFirst());
            }
            if (due.isEmpty()) {
                return;
            }
            engine.triggerTimers(due);
        }
    }

    /**
     * Waits until the engine has processed the commands this sandbox wrote and every record its own processing wrote (so
     * the log shows their outcome); bounded, as {@link #awaitIdle}.
     */
    private void awaitRest(long deadline) {
        while (!engine.awaitRest(PROBLEM_CHECK_INTERVAL)) {
            if (System.nanoTime() > deadline || engine.problem() != null) {
                throw new IllegalStateException("The sandbox engine did not settle: "
                        + (engine.problem() == null ? "still busy after " + IDLE_TIMEOUT + " at " + now : engine.problem()));
            }
        }
    }

    /** Variables as a request carries them: through the client's JSON mapping, then MessagePack. */
    private DirectBuffer msgPack(Object variables) {
        String json = client.getConfiguration().getJsonMapper().toJson(variables);
        return BufferUtil.wrapArray(MsgPackConverter.convertToMsgPack(json));
    }

    private void readLog() {
        while (reader.hasNext()) {
            LoggedEvent event = reader.next();
            event.readMetadata(metadata);
            if (metadata.getRecordType() == RecordType.COMMAND_REJECTION && metadata.getValueType() == ValueType.JOB) {
                rejectedAnswers.put(event.getKey(), metadata.getRejectionType() + ": " + metadata.getRejectionReason());
            }
            if (metadata.getValueType() == ValueType.DECISION_EVALUATION && decided.containsKey(event.getSourceEventPosition())) {
                decided.put(event.getSourceEventPosition(), decided(event));
            }
            if (metadata.getRecordType() != RecordType.EVENT) {
                continue;
            }
            switch (metadata.getValueType()) {
                case TIMER -> {
                    if (metadata.getIntent() == TimerIntent.CREATED) {
                        TimerRecord created = new TimerRecord();
                        event.readValue(created);
                        EmbeddedZeebe.DueTimer timer = new EmbeddedZeebe.DueTimer(event.getKey(), created);
                        timers.put(timer.key(), timer);
                        notTriggered.add(timer);
                    } else {
                        EmbeddedZeebe.DueTimer ended = timers.remove(event.getKey());
                        if (ended != null) {
                            notTriggered.remove(ended);
                        }
                    }
                }
                case JOB -> {
                    if (metadata.getIntent() == JobIntent.CREATED || metadata.getIntent() == JobIntent.TIMED_OUT
                            || metadata.getIntent() == JobIntent.RETRIES_UPDATED || metadata.getIntent() == JobIntent.FAILED) {
                        event.readValue(job);
                        activatable.computeIfAbsent(job.getType(), type -> new HashSet<>()).add(event.getKey());
                    } else if (metadata.getIntent() == JobIntent.COMPLETED || metadata.getIntent() == JobIntent.CANCELED
                            || metadata.getIntent() == JobIntent.ERROR_THROWN) {
                        event.readValue(job);
                        notActivatable(job.getType(), event.getKey());
                    }
                }
                case JOB_BATCH -> {
                    if (metadata.getIntent() == JobBatchIntent.ACTIVATED) {
                        JobBatchRecord batch = new JobBatchRecord();
                        event.readValue(batch);
                        for (int i = 0; i < batch.getJobKeys().size(); i++) {
                            activated.add(job(batch.getJobKeys().get(i), (JobRecord) batch.getJobs().get(i)));
                            notActivatable(batch.getType(), batch.getJobKeys().get(i));
                        }
                    }
                }
                case INCIDENT -> {
                    if (metadata.getIntent() == IncidentIntent.CREATED) {
                        event.readValue(incident);
                        incidents.add(new Incident(incident.getProcessInstanceKey(), incident.getBpmnProcessId(),
                                incident.getElementId(), incident.getErrorType().name(), incident.getErrorMessage()));
                    }
                }
                default -> {
                }
            }
        }
    }

    private void notActivatable(String type, long jobKey) {
        Set<Long> jobs = activatable.get(type);
        if (jobs != null) {
            jobs.remove(jobKey);
        }
    }

    /** The answer to a decision's evaluation, as the gateway gives it: the evaluation, or why it failed. */
    private Decided decided(LoggedEvent event) {
        if (metadata.getRecordType() == RecordType.COMMAND_REJECTION) {
            return new Decided(null, "Command '%s' rejected with code '%s': %s"
                    .formatted(metadata.getIntent(), metadata.getRejectionType(), metadata.getRejectionReason()));
        }
        DecisionEvaluationRecord record = new DecisionEvaluationRecord();
        event.readValue(record);
        if (metadata.getIntent() == DecisionEvaluationIntent.FAILED) {
            return new Decided(null, "Decision " + record.getFailedDecisionId() + " failed: " + record.getEvaluationFailureMessage());
        }
        List<DecisionEvaluation.MatchedRule> matched = record.getEvaluatedDecisions().stream()
                .flatMap(evaluated -> evaluated.getMatchedRules().stream()
                        .map(rule -> new DecisionEvaluation.MatchedRule(evaluated.getDecisionId(), rule.getRuleId(), null)))
                .toList();
        return new Decided(new DecisionEvaluation(record.getDecisionId(), record.getDecisionVersion(), record.getDecisionOutput(),
                matched), null);
    }

    private Job job(long key, JobRecord record) {
        Map<String, Object> variables = client.getConfiguration().getJsonMapper()
                .fromJsonAsMap(MsgPackConverter.convertToJson(record.getVariablesBuffer()));
        return new Job(key, record.getType(), record.getBpmnProcessId(), record.getElementId(), record.getProcessInstanceKey(),
                record.getCustomHeaders(), variables);
    }

    /** Stops the engine and deletes its directory. */
    @Override
    public void close() {
        client.close();
        reader.close();
        engine.close();
        FileSystemUtils.deleteRecursively(directory.toFile());
    }
}
