package io.leadflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.client.api.response.EvaluatedDecision;
import io.camunda.zeebe.client.api.response.MatchedDecisionRule;
import io.camunda.zeebe.client.api.response.Decision;
import io.camunda.zeebe.client.api.response.Form;
import io.camunda.zeebe.client.api.response.Process;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.leadflow.lead.LeadType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Deploys everything in processes/ to the embedded Zeebe engine in one deployment and runs the decisions on it. */
class ModelsDeployTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static ZeebeTestEngine engine;
    static ZeebeClient client;
    static DeploymentEvent deployment;
    static final Set<String> hitRules = new HashSet<>();

    @BeforeAll
    static void deployAll() throws Exception {
        engine = EngineFactory.create(26577);
        engine.start();
        client = engine.createClient();
        List<Path> files = new ArrayList<>();
        files.addAll(ModelsTest.files(".bpmn"));
        files.addAll(ModelsTest.files(".dmn"));
        files.addAll(ModelsTest.files(".form"));
        var command = client.newDeployResourceCommand()
                .addResourceFromClasspath("processes/" + files.get(0).getFileName());
        for (Path file : files.subList(1, files.size())) {
            command = command.addResourceFromClasspath("processes/" + file.getFileName());
        }
        deployment = command.send().join();
    }

    @AfterAll
    static void stopEngine() {
        if (client != null) {
            client.close();
        }
        if (engine != null) {
            engine.stop();
        }
    }

    @Test
    void everythingIsDeployedInOneDeployment() {
        assertThat(deployment.getProcesses()).extracting(Process::getBpmnProcessId)
                .containsExactlyInAnyOrder("lead-identify", "lead-sequence");
        assertThat(deployment.getDecisions()).extracting(Decision::getDmnDecisionId)
                .containsExactlyInAnyOrder("lead-fit", "FitSignals", "BuyerRole", "FitScore", "FitReasons", "sequence-cadence");
        assertThat(deployment.getForm()).extracting(Form::getFormId)
                .containsExactlyInAnyOrder("call-outcome", "social-touch", "research-contacts", "qualify-lead");
    }

    // lead-fit: one case per rule row ---------------------------------------------------------------

    record FitCase(String rule, Map<String, Object> input, String stage, int score, List<String> reasons) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Map<String, Object> vars(Object... keyValues) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            vars.put((String) keyValues[i], keyValues[i + 1]);
        }
        return vars;
    }

    static Stream<Arguments> fitCases() {
        return Stream.of(
                new FitCase("Rule_FitSignals_Industry", vars("role", "OTHER", "industry", "telecom"),
                        "LEAD", 20, List.of("Target industry: telecom")),
                new FitCase("Rule_FitSignals_Employees", vars("role", "OTHER", "employees", 200),
                        "LEAD", 35, List.of("200+ employees")),
                new FitCase("Rule_FitSignals_Region", vars("role", "OTHER", "region", "LATAM"),
                        "LEAD", 35, List.of("Region: LATAM")),
                new FitCase("Rule_FitSignals_PowerSignal", vars("role", "OTHER", "powerSignal", true),
                        "LEAD", 10, List.of("Power signals: activity, presence and biography")),
                new FitCase("Rule_FitSignals_PersonalEmail", vars("role", "OTHER", "personalEmail", true),
                        "LEAD", -20, List.of("Personal email domain")),
                new FitCase("Rule_BuyerRole_Student", vars("role", "STUDENT", "industry", "telecom", "employees", 500,
                        "region", "LATAM", "powerSignal", true), "DISQUALIFIED", 100, List.of(
                        "Target industry: telecom", "200+ employees", "Region: LATAM",
                        "Power signals: activity, presence and biography")),
                new FitCase("Rule_BuyerRole_DecisionMaker", vars("role", "CTO", "employees", 200, "region", "LATAM"),
                        "MQL", 70, List.of("200+ employees", "Region: LATAM")),
                new FitCase("Rule_BuyerRole_Influencer", vars("role", "MARKETING_ANALYST", "employees", 1000,
                        "region", "LATAM", "industry", "telecom"), "LEAD", 90,
                        List.of("Target industry: telecom", "200+ employees", "Region: LATAM")),
                new FitCase("Rule_BuyerRole_Other", vars("role", "OTHER", "employees", null, "region", null,
                        "industry", null, "personalEmail", false, "powerSignal", false), "LEAD", 0, List.of()),
                new FitCase("Rule_LeadFit_Disqualified", vars("role", "STUDENT"), "DISQUALIFIED", 0, List.of()),
                new FitCase("Rule_LeadFit_Mql", vars("role", "CEO", "industry", "telecom", "employees", 250,
                        "region", "LATAM", "powerSignal", true, "personalEmail", false), "MQL", 100, List.of(
                        "Target industry: telecom", "200+ employees", "Region: LATAM",
                        "Power signals: activity, presence and biography")),
                new FitCase("Rule_LeadFit_Lead", vars("role", "CMO", "employees", 199, "region", "LATAM",
                        "industry", "telecom", "personalEmail", true), "LEAD", 35,
                        List.of("Target industry: telecom", "Region: LATAM", "Personal email domain"))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fitCases")
    void leadFitRule(FitCase fitCase) throws Exception {
        EvaluateDecisionResponse response = client.newEvaluateDecisionCommand()
                .decisionId("lead-fit").variables(fitCase.input()).send().join();
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        Set<String> matched = matchedRules(response);
        hitRules.addAll(matched);

        @SuppressWarnings("unchecked")
        Map<String, Object> qualification = JSON.readValue(response.getDecisionOutput(), Map.class);
        assertThat(matched).as("matched rules").contains(fitCase.rule());
        assertThat(qualification).containsOnlyKeys("stage", "score", "reasons");
        assertThat(qualification.get("stage")).isEqualTo(fitCase.stage());
        assertThat(((Number) qualification.get("score")).intValue()).isEqualTo(fitCase.score());
        assertThat(qualification.get("reasons")).isEqualTo(fitCase.reasons());
    }

    @Test
    void leadFitCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        fitCases().forEach(arguments -> caseRules.add(((FitCase) arguments.get()[0]).rule()));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("lead-fit.dmn"));
    }

    // sequence-cadence --------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("leadTypes")
    void sequenceCadenceListsTheAttemptsInStepOrder(String leadType) throws Exception {
        EvaluateDecisionResponse response = client.newEvaluateDecisionCommand()
                .decisionId("sequence-cadence").variables(Map.of("leadType", leadType)).send().join();
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        assertThat(matchedRules(response)).containsExactlyInAnyOrderElementsOf(ruleIds("sequence-cadence.dmn"));
        List<?> cadence = JSON.readValue(response.getDecisionOutput(), List.class);
        assertThat(cadence).isEqualTo(List.of(
                Map.of("step", 1, "channel", "CALL", "dayOffset", 0),
                Map.of("step", 2, "channel", "EMAIL", "dayOffset", 2),
                Map.of("step", 3, "channel", "CALL", "dayOffset", 6),
                Map.of("step", 4, "channel", "SOCIAL", "dayOffset", 9),
                Map.of("step", 5, "channel", "EMAIL", "dayOffset", 13)));
    }

    static Stream<String> leadTypes() {
        return Arrays.stream(LeadType.values()).map(LeadType::name);
    }

    // a lead through both processes -------------------------------------------------------------------

    @Test
    void anMqlIsHandedToTheSequenceAndLeavesItWhenTheFirstCallBooksAMeeting() throws Exception {
        publishLeadArrived("lead-42", "FORM_FILL", true);
        publishLeadArrived("lead-42", "FORM_FILL", true);

        ActivatedJob started = awaitJob("record-process-start");
        long instance = started.getProcessInstanceKey();
        complete(started, Map.of());
        ActivatedJob enrich = awaitJob("enrich-lead");
        assertThat(enrich.getProcessInstanceKey()).isEqualTo(instance);
        complete(enrich, vars("persona", "executive", "role", "CEO", "industry", "telecom",
                "employees", 400, "region", "LATAM", "personalEmail", false, "powerSignal", true));

        ActivatedJob record = awaitJob("record-qualification");
        assertThat(record.getProcessInstanceKey()).isEqualTo(instance);
        assertThat(record.getVariablesAsMap().get("qualification")).isEqualTo(Map.of(
                "stage", "MQL", "score", 100, "reasons", List.of("Target industry: telecom", "200+ employees",
                        "Region: LATAM", "Power signals: activity, presence and biography")));
        complete(record, Map.of());

        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        complete(awaitJob("assign-rep"), vars("owner", "rep-1", "ownerName", "Ana Rep", "ownerEmail", "ana@example.com",
                "taskDue", now.plusDays(1).toString()));
        complete(awaitJob("notify-rep"), Map.of());

        ActivatedJob plan = awaitJob("plan-sequence");
        assertThat(plan.getBpmnProcessId()).isEqualTo("lead-sequence");
        assertThat(plan.getVariablesAsMap()).containsEntry("leadId", "lead-42").containsEntry("owner", "rep-1");
        assertThat((List<?>) plan.getVariablesAsMap().get("cadence")).hasSize(5)
                .first().isEqualTo(Map.of("step", 1, "channel", "CALL", "dayOffset", 0));
        complete(plan, Map.of("attempts", List.of(
                Map.of("step", 1, "channel", "CALL", "openAt", now.minusMinutes(1).toString(),
                        "due", now.plusHours(2).toString(), "sameDayEnd", now.plusHours(8).toString()),
                Map.of("step", 2, "channel", "EMAIL", "openAt", now.plusDays(2).toString(),
                        "due", now.plusDays(2).plusHours(2).toString(), "sameDayEnd", now.plusDays(2).plusHours(8).toString()))));

        ActivatedJob call = awaitJob("io.camunda.zeebe:userTask");
        assertThat(call.getElementId()).isEqualTo("Task_FirstContact");
        assertThat(call.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-1")
                .containsKey("io.camunda.zeebe:formKey");
        complete(call, Map.of("outcome", "meeting-booked", "notes", "Demo on Tuesday"));

        ActivatedJob exit = awaitJob("record-sequence-exit");
        assertThat(exit.getElementId()).isEqualTo("Task_RecordEngagedExit");
        assertThat(exit.getVariablesAsMap()).containsEntry("exitReason", "MEETING_BOOKED")
                .containsEntry("attemptOutcomes", List.of(Map.of("step", 1, "channel", "CALL", "outcome", "meeting-booked")));
        complete(exit, Map.of());

        ActivatedJob qualify = awaitJob("io.camunda.zeebe:userTask");
        assertThat(qualify.getElementId()).isEqualTo("Task_QualifyLead");
    }

    @Test
    void aTriggerEventWithoutAPersonIsResearchedAndTheContactFoundBecomesALead() throws Exception {
        publishLeadArrived("lead-45", "TRIGGER_EVENT", false);

        ActivatedJob started = awaitJob("record-process-start");
        assertThat(started.getVariablesAsMap()).containsEntry("leadId", "lead-45");
        long instance = started.getProcessInstanceKey();
        complete(started, Map.of());
        complete(awaitJob("enrich-lead", instance), vars("role", "OTHER", "region", "LATAM"));
        complete(awaitJob("assign-rep", instance), vars("owner", "rep-1", "ownerName", "Ana Rep", "ownerEmail", "ana@example.com",
                "taskDue", OffsetDateTime.now().plusDays(1).truncatedTo(ChronoUnit.SECONDS).toString()));

        ActivatedJob research = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(research.getElementId()).isEqualTo("Task_ResearchContacts");
        complete(research, vars("contactFirstName", "Valeria", "contactLastName", "Soto", "contactEmail", "valeria@telcomex.mx",
                "contactJobTitle", "CEO", "notes", "Found on the company's team page"));

        ActivatedJob create = awaitJob("create-contact-lead", instance);
        assertThat(create.getVariablesAsMap()).containsEntry("leadId", "lead-45").containsEntry("contactFirstName", "Valeria")
                .containsEntry("contactLastName", "Soto").containsEntry("contactEmail", "valeria@telcomex.mx")
                .containsEntry("contactJobTitle", "CEO");
        complete(create, vars("contactLeadId", "lead-46"));
        ActivatedJob ended = awaitJob("record-process-end", instance);
        assertThat(ended.getVariablesAsMap()).doesNotContainKey("qualification");
        complete(ended, Map.of());
    }

    /** The lead's process starts on its message, once per lead: the second publish is refused, as a retried start is. */
    private static void publishLeadArrived(String leadId, String leadType, boolean personKnown) {
        try {
            client.newPublishMessageCommand().messageName("lead-arrived").correlationKey(leadId).messageId(leadId)
                    .timeToLive(Duration.ofHours(1))
                    .variables(vars("leadId", leadId, "leadType", leadType, "country", "MX",
                            "timeZone", "America/Mexico_City", "language", "es", "personKnown", personKnown))
                    .send().join();
        } catch (io.camunda.zeebe.client.api.command.ClientStatusException e) {
            assertThat(e.getStatusCode()).isEqualTo(io.grpc.Status.Code.ALREADY_EXISTS);
        }
    }

    @Test
    void unansweredCallsAreFollowedUpAndTheLeadIsRecycledAfterTheLastAttempt() throws Exception {
        long instance = startSequence("lead-43");
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        complete(awaitJob("plan-sequence", instance), Map.of("attempts", List.of(
                Map.of("step", 3, "channel", "CALL", "openAt", now.minusMinutes(1).toString(),
                        "due", now.plusHours(2).toString(), "sameDayEnd", now.plusHours(8).toString()))));

        ActivatedJob call = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(call.getElementId()).isEqualTo("Task_FollowUpCall");
        complete(call, Map.of("outcome", "no-answer"));

        ActivatedJob email = awaitJob("send-sequence-email", instance);
        assertThat(email.getElementId()).isEqualTo("Task_SendFollowUpEmail");
        assertThat(email.getVariablesAsMap()).containsEntry("followUp", true);
        complete(email, Map.of());
        ActivatedJob social = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(social.getElementId()).isEqualTo("Task_SocialAfterCall");
        complete(social, Map.of("action", "sent-connection-request"));

        ActivatedJob recycle = awaitJob("recycle-to-nurture", instance);
        assertThat(recycle.getVariablesAsMap()).containsEntry("outcome", "no-answer")
                .containsEntry("lastSocialAction", "sent-connection-request");
    }

    @Test
    void aReplyEndsTheSequenceThroughItsEventSubProcess() throws Exception {
        long instance = startSequence("lead-44");
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        complete(awaitJob("plan-sequence", instance), Map.of("attempts", List.of(
                Map.of("step", 2, "channel", "EMAIL", "openAt", now.plusDays(2).toString(),
                        "due", now.plusDays(2).plusHours(2).toString(), "sameDayEnd", now.plusDays(2).plusHours(8).toString()))));
        engine.waitForIdleState(Duration.ofSeconds(5));

        client.newPublishMessageCommand().messageName("lead-replied").correlationKey("lead-44").send().join();

        ActivatedJob exit = awaitJob("record-sequence-exit", instance);
        assertThat(exit.getElementId()).isEqualTo("Task_RecordLeadRepliedExit");
        assertThat(exit.getVariablesAsMap()).containsEntry("exitReason", "REPLIED");
        complete(exit, Map.of());
        assertThat(awaitJob("io.camunda.zeebe:userTask", instance).getElementId())
                .isEqualTo("Task_QualifyLeadAfterLeadReplied");
    }

    static long startSequence(String leadId) {
        return client.newCreateInstanceCommand().bpmnProcessId("lead-sequence").latestVersion()
                .variables(vars("leadId", leadId, "leadType", "REFERRAL", "owner", "rep-2", "country", "MX",
                        "timeZone", "America/Mexico_City", "language", "es", "persona", "executive"))
                .send().join().getProcessInstanceKey();
    }

    // helpers -------------------------------------------------------------------------------------------

    static ActivatedJob awaitJob(String type) throws Exception {
        return awaitJob(type, null);
    }

    /** Activates the next job of the type, of the given process instance if one is given; hands other jobs back. */
    static ActivatedJob awaitJob(String type, Long processInstanceKey) throws Exception {
        for (int i = 0; i < 50; i++) {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10)
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(200)).send().join().getJobs();
            ActivatedJob found = null;
            for (ActivatedJob job : jobs) {
                if (found == null && (processInstanceKey == null || job.getProcessInstanceKey() == processInstanceKey)) {
                    found = job;
                } else {
                    client.newFailCommand(job.getKey()).retries(job.getRetries()).send().join();
                }
            }
            if (found != null) {
                return found;
            }
            engine.increaseTime(Duration.ofSeconds(1));
            Thread.sleep(100);
        }
        return fail("no job of type " + type);
    }

    static void complete(ActivatedJob job, Map<String, Object> variables) {
        client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    }

    static Set<String> matchedRules(EvaluateDecisionResponse response) {
        Set<String> matched = new HashSet<>();
        for (EvaluatedDecision decision : response.getEvaluatedDecisions()) {
            for (MatchedDecisionRule rule : decision.getMatchedRules()) {
                matched.add(rule.getRuleId());
            }
        }
        return matched;
    }

    static Set<String> ruleIds(String dmn) throws Exception {
        Set<String> ids = new HashSet<>();
        NodeList rules = ModelsTest.dom(ModelsTest.PROCESSES.resolve(dmn)).getElementsByTagNameNS(ModelsTest.DMN_NS, "rule");
        for (int i = 0; i < rules.getLength(); i++) {
            ids.add(((Element) rules.item(i)).getAttribute("id"));
        }
        return ids;
    }
}
