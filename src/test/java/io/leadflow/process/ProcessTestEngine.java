package io.leadflow.process;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.command.ClientStatusException;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.client.api.response.EvaluatedDecision;
import io.camunda.zeebe.client.api.response.MatchedDecisionRule;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.grpc.Status;
import io.leadflow.ModelsTest;
import io.leadflow.engine.EngineRecords;
import io.leadflow.platform.MovableClock;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zeebe Process Test's engine with everything in processes/ deployed in one deployment, as leadflow deploys it, and what
 * a process test does on it: start instances, take a rep's task, move time, wait for the instance at rest and read the
 * path it took. The process tests share one ({@link ProcessTest}); leadflow's clock moves with the engine's. The
 * decision tests deploy their tables on one of their own.
 */
public final class ProcessTestEngine implements AutoCloseable {

    /** Bounds sized for a busy machine: a positive signal ends every wait long before. */
    public static final Duration PATIENCE = Duration.ofMinutes(2);
    public static final String USER_TASK = "io.camunda.zeebe:userTask";

    private final ZeebeTestEngine engine;
    private final ZeebeClient client;
    private final DeploymentEvent deployment;
    private final MovableClock clock = new MovableClock(Clock.systemUTC());

    private ProcessTestEngine(ZeebeTestEngine engine, ZeebeClient client, DeploymentEvent deployment) {
        this.engine = engine;
        this.client = client;
        this.deployment = deployment;
    }

    public static ProcessTestEngine deployingAll() {
        return deploying(models().stream().map(model -> model.getFileName().toString()).toList());
    }

    /** The engine with these files of processes/ deployed in one deployment (a decision's test needs its table only). */
    public static ProcessTestEngine deploying(List<String> files) {
        ZeebeTestEngine engine = EngineFactory.create(); // on a port free now
        engine.start();
        ZeebeClient client = engine.createClient();
        try {
            var command = client.newDeployResourceCommand().addResourceFromClasspath("processes/" + files.get(0));
            for (String file : files.subList(1, files.size())) {
                command = command.addResourceFromClasspath("processes/" + file);
            }
            // Parsing every model and expression takes longer than a request's 10 s on a busy machine.
            return new ProcessTestEngine(engine, client, command.requestTimeout(PATIENCE).send().join());
        } catch (RuntimeException e) {
            client.close();
            engine.stop();
            throw e;
        }
    }

    /** Every model, table and form in processes/. */
    static List<Path> models() {
        try {
            List<Path> models = new ArrayList<>(ModelsTest.files(".bpmn"));
            models.addAll(ModelsTest.files(".dmn"));
            models.addAll(ModelsTest.files(".form"));
            return models;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points the Camunda client of a test's Spring context (its job workers) at this engine's gateway. */
    public void clientProperties(DynamicPropertyRegistry registry) {
        registry.add("camunda.client.mode", () -> "self-managed");
        registry.add("camunda.client.grpc-address", () -> "http://" + engine.getGatewayAddress());
        registry.add("camunda.client.prefer-rest-over-grpc", () -> "false");
        registry.add("camunda.client.worker.defaults.poll-interval", () -> "PT0.05S");
        // A job's timeout runs on the engine's clock, which a test moves by hours: leadflow's 20 s would time out a job
        // a worker is still handling, and the engine would hand it out again (its service called twice).
        registry.add("camunda.client.worker.defaults.timeout", () -> "P365D");
    }

    public ZeebeClient client() {
        return client;
    }

    public DeploymentEvent deployment() {
        return deployment;
    }

    /** leadflow's clock, at the engine's "now". */
    public Clock clock() {
        return clock;
    }

    public void advanceClock(Duration by) {
        engine.increaseTime(by);
        clock.advance(by);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
    }

    // instances and messages ---------------------------------------------------------------------------------------------

    public long start(String processId, Map<String, Object> variables) {
        return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
                .send().join().getProcessInstanceKey();
    }

    public long startBefore(String processId, String elementId, Map<String, Object> variables) {
        return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
                .startBeforeElement(elementId).send().join().getProcessInstanceKey();
    }

    public void publish(String message, String correlationKey, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(message).correlationKey(correlationKey).variables(variables)
                .send().join();
    }

    // jobs the test takes itself (a rep's task) ---------------------------------------------------------------------------

    /** Activates the next job of the type of the instance; hands other jobs back. */
    public ActivatedJob awaitJob(String type, long processInstanceKey) {
        return awaitJobThat(type, job -> job.getProcessInstanceKey() == processInstanceKey);
    }

    /** The next job of the type for the lead, in whichever of its processes (a called stage has its own instance). */
    public ActivatedJob awaitLeadJob(String type, String leadId) {
        return awaitJobThat(type, job -> leadId.equals(job.getVariablesAsMap().get("leadId")));
    }

    public ActivatedJob awaitJobThat(String type, Predicate<ActivatedJob> wanted) {
        return await().atMost(PATIENCE).until(() -> {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(100)
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(200)).send().join().getJobs();
            ActivatedJob found = null;
            for (ActivatedJob job : jobs) {
                if (found == null && wanted.test(job)) {
                    found = job;
                } else {
                    client.newFailCommand(job.getKey()).retries(job.getRetries()).send().join();
                }
            }
            return found;
        }, Objects::nonNull);
    }

    /** The rep's task at the element, of the instance. */
    public ActivatedJob awaitTask(String elementId, long processInstanceKey) {
        try {
            return awaitJobThat(USER_TASK, job -> job.getProcessInstanceKey() == processInstanceKey
                    && job.getElementId().equals(elementId));
        } catch (ConditionTimeoutException e) {
            // Say where the instance stands: the task ended before a poll took it (a timer of its own), an incident or
            // work still under way, rather than only "no task".
            EngineRecords records = records();
            Set<Long> instance = Set.of(processInstanceKey);
            throw new AssertionError("No task at " + elementId + " of instance " + processInstanceKey + "; its states: "
                    + records.elementStates(instance, elementId) + "; the path: " + records.completedElements(instance)
                    + "; incidents: " + records.incidents(instance) + "; under way: "
                    + records.workUnderWay(instance, clock.instant(), EngineRecords.LEADFLOW_WORKERS), e);
        }
    }

    /** The rep's task at the element, in whichever of the lead's processes. */
    public ActivatedJob awaitLeadTask(String elementId, String leadId) {
        return awaitJobThat(USER_TASK, job -> job.getElementId().equals(elementId)
                && leadId.equals(job.getVariablesAsMap().get("leadId")));
    }

    public void complete(ActivatedJob job, Map<String, Object> variables) {
        client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    }

    // the instance's path ------------------------------------------------------------------------------------------------

    public EngineRecords records() {
        return EngineRecords.of(engine.getRecordStreamSource().getRecords());
    }

    /**
     * Waits until the instances are at rest at the engine's "now" ({@link EngineRecords#workUnderWay}): every job a
     * worker takes is done, every timer due has fired, and what is left waits for a rep, a message or a later time.
     */
    public void awaitAtRest(Set<Long> instances) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(records()
                .workUnderWay(instances, clock.instant(), EngineRecords.LEADFLOW_WORKERS)).isEmpty());
    }

    public void awaitAtRest(long instance) {
        awaitAtRest(Set.of(instance));
    }

    /** The lead's instances (its journey and the stages it called) at rest. */
    public void awaitLeadAtRest(String leadId) {
        awaitAtRest(records().instancesOf(leadId));
    }

    /** Waits until the instances (or what they called) have completed the element. */
    public void awaitPassed(Set<Long> instances, String elementId) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(records().completedElements(instances)).contains(elementId));
    }

    public void awaitLeadPassed(String leadId, String elementId) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(records().completedElements(records().instancesOf(leadId)))
                .contains(elementId));
    }

    // decisions ---------------------------------------------------------------------------------------------------------

    public EvaluateDecisionResponse evaluate(String decisionId, Map<String, Object> variables) {
        return client.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join();
    }

    public static Set<String> matchedRules(EvaluateDecisionResponse response) {
        Set<String> matched = new HashSet<>();
        for (EvaluatedDecision decision : response.getEvaluatedDecisions()) {
            for (MatchedDecisionRule rule : decision.getMatchedRules()) {
                matched.add(rule.getRuleId());
            }
        }
        return matched;
    }

    /** The ids of the rule rows of a table in processes/. */
    public static Set<String> ruleIds(String dmn) throws Exception {
        Set<String> ids = new HashSet<>();
        NodeList rules = ModelsTest.dom(ModelsTest.PROCESSES.resolve(dmn)).getElementsByTagNameNS(ModelsTest.DMN_NS, "rule");
        for (int i = 0; i < rules.getLength(); i++) {
            ids.add(((Element) rules.item(i)).getAttribute("id"));
        }
        return ids;
    }

    /** The rule rows' annotations (their descriptions), by rule id; rows without one are left out. */
    public static Map<String, String> annotations(String dmn) throws Exception {
        Map<String, String> annotations = new HashMap<>();
        NodeList rules = ModelsTest.dom(ModelsTest.PROCESSES.resolve(dmn)).getElementsByTagNameNS(ModelsTest.DMN_NS, "rule");
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            NodeList descriptions = rule.getElementsByTagNameNS(ModelsTest.DMN_NS, "description");
            if (descriptions.getLength() > 0) {
                annotations.put(rule.getAttribute("id"), descriptions.item(0).getTextContent().strip());
            }
        }
        return annotations;
    }

    /** Variables from keys and values; values may be null, as a lead's unknown facts are. */
    public static Map<String, Object> vars(Object... keyValues) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            vars.put((String) keyValues[i], keyValues[i + 1]);
        }
        return vars;
    }

    /**
     * Cancels every instance still running (with the stages it called), as an operator would, and waits until the
     * workers answered every job of theirs they were handed: a handler still running would call the next test's mocks,
     * and Mockito's stubbing is not safe beside calls from other threads.
     */
    public void cancelRunningInstances() {
        Map<Long, ProcessInstanceRecordValue> running = new HashMap<>();
        for (Record<?> record : engine.getRecordStreamSource().getRecords()) {
            if (record.getRecordType() == RecordType.EVENT && record.getValue() instanceof ProcessInstanceRecordValue instance
                    && instance.getBpmnElementType() == BpmnElementType.PROCESS) {
                if (record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                    running.put(record.getKey(), instance);
                } else {
                    running.remove(record.getKey());
                }
            }
        }
        running.forEach((instance, value) -> {
            if (value.getParentProcessInstanceKey() < 0) {
                try {
                    client.newCancelInstanceCommand(instance).send().join();
                } catch (ClientStatusException e) {
                    // it ended meanwhile
                    assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND);
                }
            }
        });
        // Usually answered already: looked at at once, not after a first poll interval.
        await().pollDelay(Duration.ZERO).atMost(PATIENCE).untilAsserted(() -> assertThat(records()
                .jobsWithWorkers(running.keySet(), EngineRecords.LEADFLOW_WORKERS)).isEmpty());
    }

    @Override
    public void close() {
        client.close();
        engine.stop();
    }
}
