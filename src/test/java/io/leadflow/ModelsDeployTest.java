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
import io.leadflow.engine.EngineRecords;
import io.leadflow.lead.LeadType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Deploys everything in processes/ to the embedded Zeebe engine in one deployment and runs the decisions on it. */
class ModelsDeployTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofMinutes(2);
    static ZeebeTestEngine engine;
    static ZeebeClient client;
    static DeploymentEvent deployment;
    static final Set<String> hitRules = new HashSet<>();
    static final Set<String> enteredNurture = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void deployAll() throws Exception {
        engine = EngineFactory.create(); // on a port free now
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
        // Parsing every model and expression takes longer than a request's 10 s on a busy machine.
        deployment = command.requestTimeout(Duration.ofMinutes(2)).send().join();
        // decide-routing evaluates the decision the model names on the instance's variables, as its worker does
        client.newWorker().jobType("decide-routing").handler((jobs, job) -> {
            EvaluateDecisionResponse routed = client.newEvaluateDecisionCommand()
                    .decisionId((String) job.getVariablesAsMap().get("decision")).variables(job.getVariablesAsMap()).send().join();
            jobs.newCompleteCommand(job).variables(Collections.singletonMap("routing",
                    JSON.readValue(routed.getDecisionOutput(), Object.class))).send().join();
        }).open();
        // enter-nurture records the lead in nurture
        client.newWorker().jobType("enter-nurture").handler((jobs, job) -> {
            enteredNurture.add((String) job.getVariablesAsMap().get("leadId"));
            jobs.newCompleteCommand(job).send().join();
        }).open();
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
                .containsExactlyInAnyOrder("lead-journey", "lead-identify", "lead-sequence", "lead-explore", "lead-advise",
                        "lead-nurture");
        assertThat(deployment.getDecisions()).extracting(Decision::getDmnDecisionId)
                .containsExactlyInAnyOrder("lead-fit", "FitSignals", "BuyerRole", "FitScore", "FitReasons", "sequence-cadence",
                        "case-study", "lead-assignment");
        assertThat(deployment.getForm()).extracting(Form::getFormId)
                .containsExactlyInAnyOrder("call-outcome", "social-touch", "research-contacts", "qualify-lead",
                        "find-who-signs", "proposal", "deal-outcome", "sla-breach");
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
                new FitCase("Rule_FitSignals_RegionServed", vars("role", "OTHER", "region", "NA"),
                        "LEAD", 25, List.of("Region served: NA")),
                new FitCase("Rule_FitSignals_StrongSignals", vars("role", "OTHER", "signalStrength", 15),
                        "LEAD", 10, List.of("Strong, recent signals")),
                new FitCase("Rule_FitSignals_TriggerFitsPersona", vars("role", "OTHER", "triggerFitsPersona", true),
                        "LEAD", 10, List.of("Trigger event fits the persona")),
                new FitCase("Rule_LeadFit_RegionNotServed", vars("role", "CEO", "industry", "telecom", "employees", 5000,
                        "region", "APAC", "powerSignal", true), "DISQUALIFIED", 65, List.of("Target industry: telecom",
                        "200+ employees", "Power signals: activity, presence and biography", "Region not served: APAC")),
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

    /**
     * The shipped fit rule lets a decision maker of a mid-sized company become an MQL in every region served, so each
     * team of lead-assignment gets MQLs, not only the target region's.
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"CO, LATAM, latam", "US, NA, international", "GB, EMEA, international"})
    void everyTeamCanReceiveMqls(String country, String region, String team) throws Exception {
        Map<String, Object> lead = vars("country", country, "region", region, "role", "CEO", "industry", "retail",
                "employees", 250, "powerSignal", true, "personalEmail", false);
        EvaluateDecisionResponse fit = client.newEvaluateDecisionCommand().decisionId("lead-fit").variables(lead).send().join();
        assertThat(JSON.readTree(fit.getDecisionOutput()).get("stage").asText()).isEqualTo("MQL");
        EvaluateDecisionResponse assignment = client.newEvaluateDecisionCommand().decisionId("lead-assignment")
                .variables(lead).send().join();
        assertThat(JSON.readValue(assignment.getDecisionOutput(), String.class)).isEqualTo(team);
    }

    @Test
    void leadFitCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        fitCases().forEach(arguments -> caseRules.add(((FitCase) arguments.get()[0]).rule()));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("lead-fit.dmn"));
    }

    // lead-assignment: one case per rule row, and a table edited and deployed ------------------------

    record AssignmentCase(String why, String rule, Map<String, Object> input, String team) {
        @Override
        public String toString() {
            return rule + ": " + why;
        }
    }

    static Stream<Arguments> assignmentCases() {
        return Stream.of(
                new AssignmentCase("a large telecom in Colombia", "Rule_LeadAssignment_Latam",
                        vars("country", "CO", "region", "LATAM", "industry", "telecom", "employees", 5000), "latam"),
                new AssignmentCase("a large telecom in Spain", "Rule_LeadAssignment_NorthAmericaAndEurope",
                        vars("country", "ES", "region", "EMEA", "industry", "telecom", "employees", 5000), "international"),
                new AssignmentCase("a telecom of 1,000 in South Africa", "Rule_LeadAssignment_LargeTelecom",
                        vars("country", "ZA", "region", null, "industry", "telecom", "employees", 1000), "international"),
                new AssignmentCase("a telecom of 999 in South Africa", "Rule_LeadAssignment_Default",
                        vars("country", "ZA", "region", null, "industry", "telecom", "employees", 999), "latam"),
                new AssignmentCase("a company visit nothing is known of", "Rule_LeadAssignment_Default",
                        vars("country", null), "latam")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignmentCases")
    void leadAssignmentRule(AssignmentCase assignmentCase) throws Exception {
        EvaluateDecisionResponse response = client.newEvaluateDecisionCommand()
                .decisionId("lead-assignment").variables(assignmentCase.input()).send().join();
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        assertThat(matchedRules(response)).containsExactly(assignmentCase.rule());
        assertThat(JSON.readValue(response.getDecisionOutput(), String.class)).isEqualTo(assignmentCase.team());
    }

    @Test
    void leadAssignmentCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        assignmentCases().forEach(arguments -> caseRules.add(((AssignmentCase) arguments.get()[0]).rule()));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("lead-assignment.dmn"));
    }

    // case-study: one case per rule row -----------------------------------------------------------------

    static Stream<Arguments> caseStudyCases() {
        return Stream.of(
                Arguments.of("Rule_CaseStudy_Industry_Telecom", "telecom", "ES", "andesnet-telecom"),
                Arguments.of("Rule_CaseStudy_Industry_Banking", "banking", "MX", "banco-austral-banking"),
                Arguments.of("Rule_CaseStudy_Industry_Retail", "retail", null, "tiendas-sol-retail"),
                Arguments.of("Rule_CaseStudy_Industry_Software", "software", "CO", "nubo-software"),
                Arguments.of("Rule_CaseStudy_Country_Mexico", "mining", "MX", "monterrey-mx"),
                Arguments.of("Rule_CaseStudy_Country_Colombia", null, "CO", "bogota-co"),
                Arguments.of("Rule_CaseStudy_Country_Spain", "tourism", "ES", "madrid-es"),
                Arguments.of("Rule_CaseStudy_Default", null, "CL", "platzimetrics"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStudyCases")
    void caseStudyRule(String rule, String industry, String country, String slug) throws Exception {
        EvaluateDecisionResponse response = client.newEvaluateDecisionCommand().decisionId("case-study")
                .variables(vars("industry", industry, "country", country)).send().join();
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        assertThat(matchedRules(response)).containsExactly(rule);
        assertThat(JSON.readTree(response.getDecisionOutput()).get("caseStudyUrl").asText())
                .isEqualTo("https://leadflow.io/case-studies/" + slug);
    }

    @Test
    void caseStudyCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        caseStudyCases().forEach(arguments -> caseRules.add((String) arguments.get()[0]));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("case-study.dmn"));
    }

    /** Sales ops lower the size of a large telecom in a copy of the table and deploy it: the team changes, no code does. */
    @Test
    void anEditedCopyOfTheAssignmentTableDeployedChangesTheTeam(@TempDir Path edits) throws Exception {
        Map<String, Object> telecomOf600 = vars("country", "ZA", "industry", "telecom", "employees", 600);
        assertThat(team(telecomOf600)).isEqualTo("latam");

        String table = Files.readString(ModelsTest.PROCESSES.resolve("lead-assignment.dmn"));
        String threshold = "<text>&gt;= 1000</text>";
        assertThat(table.indexOf(threshold)).as("one employees threshold").isNotNegative().isEqualTo(table.lastIndexOf(threshold));
        Path copy = Files.writeString(edits.resolve("lead-assignment.dmn"), table.replace(threshold, "<text>&gt;= 500</text>"));
        try {
            client.newDeployResourceCommand().addResourceFile(copy.toString()).send().join();
            assertThat(team(telecomOf600)).isEqualTo("international");
        } finally {
            client.newDeployResourceCommand().addResourceFromClasspath("processes/lead-assignment.dmn").send().join();
        }
        assertThat(team(telecomOf600)).isEqualTo("latam");
    }

    private static String team(Map<String, Object> lead) throws Exception {
        EvaluateDecisionResponse response = client.newEvaluateDecisionCommand()
                .decisionId("lead-assignment").variables(lead).send().join();
        return JSON.readValue(response.getDecisionOutput(), String.class);
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

        ActivatedJob started = awaitLeadJob("record-process-start", "lead-42");
        long instance = started.getProcessInstanceKey();
        complete(started, Map.of());
        ActivatedJob enrich = awaitLeadJob("enrich-lead", "lead-42");
        assertThat(enrich.getBpmnProcessId()).isEqualTo("lead-identify");
        complete(enrich, vars("persona", "executive", "role", "CEO", "industry", "telecom",
                "employees", 400, "region", "LATAM", "personalEmail", false, "powerSignal", true));

        // decide-fit evaluates lead-fit as its worker does, at the version deployed with the model
        ActivatedJob decide = awaitLeadJob("decide-fit", "lead-42");
        assertThat(decide.getElementId()).isEqualTo("Task_DecideFit");
        EvaluateDecisionResponse fit = client.newEvaluateDecisionCommand().decisionId("lead-fit")
                .variables(decide.getVariablesAsMap()).send().join();
        assertThat(matchedRules(fit)).contains("Rule_LeadFit_Mql");
        complete(decide, Map.of("qualification", JSON.readValue(fit.getDecisionOutput(), Map.class)));
        ActivatedJob record = awaitLeadJob("record-qualification", "lead-42");
        assertThat(record.getProcessInstanceKey()).isEqualTo(enrich.getProcessInstanceKey());
        assertThat(record.getVariablesAsMap().get("qualification")).isEqualTo(Map.of(
                "stage", "MQL", "score", 100, "reasons", List.of("Target industry: telecom", "200+ employees",
                        "Region: LATAM", "Power signals: activity, presence and biography")));
        complete(record, Map.of());

        OffsetDateTime now = engineNow();
        ActivatedJob assign = awaitLeadJob("assign-rep", "lead-42");
        assertThat(assign.getVariablesAsMap()).as("the team lead-assignment chose").containsEntry("team", "latam");
        complete(assign, vars("owner", "rep-1", "ownerName", "Ana Rep", "ownerEmail", "ana@example.com",
                "taskDue", now.plusDays(1).toString()));
        complete(awaitLeadJob("notify-rep", "lead-42"), Map.of());

        ActivatedJob plan = awaitLeadJob("plan-sequence", "lead-42");
        assertThat(plan.getBpmnProcessId()).isEqualTo("lead-sequence");
        assertThat(plan.getVariablesAsMap()).containsEntry("leadId", "lead-42").containsEntry("owner", "rep-1");
        assertThat((List<?>) plan.getVariablesAsMap().get("cadence")).hasSize(5)
                .first().isEqualTo(Map.of("step", 1, "channel", "CALL", "dayOffset", 0));
        complete(plan, Map.of("attempts", List.of(
                Map.of("step", 1, "channel", "CALL", "due", now.plusHours(2).toString(), "sameDayEnd", now.plusHours(8).toString(),
                        "closeAt", now.plusDays(2).toString()),
                Map.of("step", 2, "channel", "EMAIL", "due", now.plusDays(2).plusHours(2).toString(),
                        "sameDayEnd", now.plusDays(2).plusHours(8).toString(), "closeAt", now.plusDays(3).toString()))));
        ActivatedJob attemptTime = awaitLeadJob("attempt-time", "lead-42");
        assertThat(attemptTime.getVariablesAsMap().get("attempt")).isEqualTo(Map.of("step", 1, "channel", "CALL",
                "due", now.plusHours(2).toString(), "sameDayEnd", now.plusHours(8).toString(), "closeAt", now.plusDays(2).toString()));
        completeAttemptTime(attemptTime, now.minusMinutes(1));

        ActivatedJob call = awaitLeadJob("io.camunda.zeebe:userTask", "lead-42");
        assertThat(call.getElementId()).isEqualTo("Task_FirstContact");
        assertThat(call.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-1")
                .containsKey("io.camunda.zeebe:formKey");
        complete(call, Map.of("outcome", "meeting-booked", "notes", "Demo on Tuesday"));

        ActivatedJob exit = awaitLeadJob("record-sequence-exit", "lead-42");
        assertThat(exit.getElementId()).isEqualTo("Task_RecordEngagedExit");
        assertThat(exit.getVariablesAsMap()).containsEntry("exitReason", "MEETING_BOOKED")
                .containsEntry("attemptOutcomes", List.of(Map.of("step", 1, "channel", "CALL", "outcome", "meeting-booked")));
        complete(exit, Map.of());

        // explore: the rep qualifies within two working days and sales accepts
        ActivatedJob qualifyDue = awaitLeadJob("due-in-working-time", "lead-42");
        assertThat(qualifyDue.getBpmnProcessId()).isEqualTo("lead-explore");
        assertThat(qualifyDue.getVariablesAsMap()).containsEntry("workingHours", 16).containsEntry("timeZone", "America/Mexico_City");
        complete(qualifyDue, Map.of("due", now.plusDays(2).toString()));
        ActivatedJob qualify = awaitLeadJob("io.camunda.zeebe:userTask", "lead-42");
        assertThat(qualify.getElementId()).isEqualTo("Task_QualifyLead");
        assertThat(qualify.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-1")
                .containsEntry("io.camunda.zeebe:dueDate", now.plusDays(2).toString());
        complete(qualify, Map.of("decision", "sql", "goals", "Grow 20%", "budget", "Approved"));
        assertStageMove("lead-42", "SQL", "Sales accepted: GPCTBA answered");

        // advise: a telecom buyer gets the telecom case study; the meeting makes an opportunity; won
        OffsetDateTime proposalDue = completeDue(awaitLeadJob("due-in-working-time", "lead-42"), 40);
        ActivatedJob proposal = awaitLeadJob("io.camunda.zeebe:userTask", "lead-42");
        assertThat(proposal.getElementId()).isEqualTo("Task_PrepareProposal");
        assertThat(proposal.getVariablesAsMap()).containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/andesnet-telecom");
        assertThat(proposal.getCustomHeaders()).containsEntry("io.camunda.zeebe:dueDate", proposalDue.toString());
        complete(proposal, Map.of("meetingDate", "2027-03-02", "meetingHeld", true));
        assertStageMove("lead-42", "OPPORTUNITY", "Proposal meeting held on 2027-03-02");
        OffsetDateTime outcomeDue = completeDue(awaitLeadJob("due-in-working-time", "lead-42"), 80);
        ActivatedJob outcome = awaitLeadJob("io.camunda.zeebe:userTask", "lead-42");
        assertThat(outcome.getElementId()).isEqualTo("Task_RecordDealOutcome");
        assertThat(outcome.getCustomHeaders()).containsEntry("io.camunda.zeebe:dueDate", outcomeDue.toString());
        complete(outcome, Map.of("outcome", "won"));
        assertStageMove("lead-42", "CUSTOMER", "Won");

        ActivatedJob end = awaitLeadJob("record-process-end", "lead-42");
        assertThat(end.getProcessInstanceKey()).isEqualTo(instance);
        assertThat(end.getElementId()).isEqualTo("lead-journey");
        complete(end, Map.of());
    }

    @Test
    void aFirstCallNotMadeWithinTheSlaGoesToTheManagerWhileTheCallStaysOpenUntilTheNextAttempt() throws Exception {
        long instance = startSequenceAtItsFirstCall("lead-52");
        ActivatedJob call = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(call.getElementId()).isEqualTo("Task_FirstContact");

        advanceEngineClock(Duration.ofHours(5));
        ActivatedJob escalate = awaitJob("escalate-sla-breach", instance);
        assertThat(escalate.getVariablesAsMap()).containsEntry("breach", "FIRST_ATTEMPT").containsEntry("owner", "rep-2");
        ActivatedJob breach = managerDecides(escalate, 1);
        assertThat(breach.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "marta");
        complete(breach, Map.of("slaDecision", "reassign"));
        complete(awaitJob("reassign-lead", instance), Map.of("owner", "rep-3", "firstContactDue", engineNow().plusHours(4).toString()));

        // The call is still open; once the next attempt is due it is given up and the sequence goes on with the new owner.
        complete(call, Map.of("outcome", "connected"));
        ActivatedJob contentPromised = awaitJob("send-connected-call-email", instance);
        assertThat(contentPromised.getVariablesAsMap()).extractingByKey("attempt").asString().contains("step=1");
        complete(contentPromised, Map.of());
        ActivatedJob exit = awaitJob("record-sequence-exit", instance);
        assertThat(exit.getVariablesAsMap()).containsEntry("owner", "rep-3");
    }

    @Test
    void aKeptBreachIsReArmedAndAMissOfTheNewDueEscalatesAgainUntilTheRepActs() throws Exception {
        long instance = startSequenceAtItsFirstCall("lead-54");
        advanceEngineClock(Duration.ofHours(4).plusMinutes(1));
        complete(managerDecides(awaitJob("escalate-sla-breach", instance), 1), Map.of("slaDecision", "keep"));
        complete(awaitJob("keep-owner", instance), Map.of("firstContactDue", engineNow().plusHours(4).toString()));

        advanceEngineClock(Duration.ofHours(4).minusMinutes(1));
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("first-contact-open", instance)).as("nothing before the new due").isEmpty();
        advanceEngineClock(Duration.ofMinutes(2));
        complete(awaitJob("first-contact-open", instance), Map.of("firstContactOpen", true));
        ActivatedJob again = awaitJob("escalate-sla-breach", instance);
        assertThat(again.getVariablesAsMap()).containsEntry("breach", "FIRST_ATTEMPT").containsEntry("slaEscalation", 1);
        ActivatedJob secondBreach = managerDecides(again, 2);

        // The rep calls before the manager decides again: the decision is withdrawn, saying why.
        client.newPublishMessageCommand().messageName("first-contact-closed").correlationKey("lead-54")
                .variables(Map.of("firstContactClosed", "COMPLETED")).send().join();
        ActivatedJob withdraw = awaitJob("withdraw-sla-decision", instance);
        assertThat(withdraw.getVariablesAsMap()).containsEntry("firstContactClosed", "COMPLETED");
        complete(withdraw, Map.of());
        assertThatThrownBy(() -> complete(secondBreach, Map.of("slaDecision", "keep")))
                .as("the manager's task is gone from the engine").hasMessageContaining("NOT_FOUND");
    }

    @Test
    void aReassignedLeadsNewDueEscalatesNothingOnceTheFirstContactClosed() throws Exception {
        long instance = startSequenceAtItsFirstCall("lead-55");
        advanceEngineClock(Duration.ofHours(4).plusMinutes(1));
        complete(managerDecides(awaitJob("escalate-sla-breach", instance), 1), Map.of("slaDecision", "reassign"));
        complete(awaitJob("reassign-lead", instance), Map.of("owner", "rep-3", "firstContactDue", engineNow().plusHours(4).toString()));

        // The call was given up at the very moment its new due passed: the check finds it closed.
        advanceEngineClock(Duration.ofHours(4).plusMinutes(1));
        complete(awaitJob("first-contact-open", instance), Map.of("firstContactOpen", false));
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("escalate-sla-breach", instance)).isEmpty();
    }

    @Test
    void aFirstContactMadeAfterTheManagerKeptTheLeadStopsTheReArmedSla() throws Exception {
        long instance = startSequenceAtItsFirstCall("lead-56");
        advanceEngineClock(Duration.ofHours(4).plusMinutes(1));
        complete(managerDecides(awaitJob("escalate-sla-breach", instance), 1), Map.of("slaDecision", "keep"));
        complete(awaitJob("keep-owner", instance), Map.of("firstContactDue", engineNow().plusHours(4).toString()));
        awaitAtRest(Set.of(instance));

        client.newPublishMessageCommand().messageName("first-contact-closed").correlationKey("lead-56")
                .variables(Map.of("firstContactClosed", "COMPLETED")).send().join();
        advanceEngineClock(Duration.ofHours(4).plusMinutes(1));
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("first-contact-open", instance)).isEmpty();
        assertThat(jobsOf("escalate-sla-breach", instance)).isEmpty();
    }

    /**
     * Completes the {@code escalation}th escalation of a first attempt (to marta) and the due of her decision, 4 working
     * hours on; returns her SLA breach task, due then.
     */
    static ActivatedJob managerDecides(ActivatedJob escalate, int escalation) throws Exception {
        long instance = escalate.getProcessInstanceKey();
        complete(escalate, Map.of("manager", "marta", "slaEscalation", escalation));
        ActivatedJob decisionDue = awaitJob("due-in-working-time", instance);
        assertThat(decisionDue.getVariablesAsMap()).containsEntry("workingHours", 4);
        OffsetDateTime due = engineNow().plusHours(4);
        complete(decisionDue, Map.of("due", due.toString(), "inWorkingTime", true));
        // The call's job, held past its timeout by the clock's move, may be handed out again before the manager's task.
        ActivatedJob breach = awaitJobThat("io.camunda.zeebe:userTask",
                job -> job.getProcessInstanceKey() == instance && job.getElementId().equals("Task_SlaBreach"));
        assertThat(OffsetDateTime.parse(breach.getCustomHeaders().get("io.camunda.zeebe:dueDate"))).isEqualTo(due);
        return breach;
    }

    @Test
    void aFirstCallNeverMadeIsGivenUpWhenTheNextAttemptIsDue() throws Exception {
        long instance = startSequenceAtItsFirstCall("lead-53");
        awaitJob("io.camunda.zeebe:userTask", instance);
        advanceEngineClock(Duration.ofDays(2).plusMinutes(1));
        completeAttemptTime(awaitJob("attempt-time", instance), engineNow().minusMinutes(1));
        ActivatedJob email = awaitJob("send-sequence-email", instance);
        assertThat(email.getVariablesAsMap()).extractingByKey("attempt").asString().contains("step=2");
    }

    @Test
    void aLeadRejectedAtFirstContactLeavesTheSequenceWithItsReason() throws Exception {
        long instance = startSequenceAtItsFirstCall("lead-54");
        ActivatedJob call = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(call.getElementId()).isEqualTo("Task_FirstContact");
        complete(call, Map.of("outcome", "rejected", "rejectionReason", "other", "rejectionOther", "Moved abroad"));

        ActivatedJob exit = awaitJob("record-sequence-exit", instance);
        assertThat(exit.getElementId()).isEqualTo("Task_RecordRejectedExit");
        assertThat(exit.getVariablesAsMap()).containsEntry("exitReason", "REJECTED");
        complete(exit, Map.of());
        ActivatedJob reject = awaitJob("reject-lead", instance);
        assertThat(reject.getVariablesAsMap()).containsEntry("rejection", Map.of("reason", "other", "other", "Moved abroad"))
                .containsEntry("owner", "rep-2");
        complete(reject, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exploreDecisions")
    void exploreAppliesTheRepsDecision(String decision, Map<String, Object> answers, String stage, String reason,
                                       String followUpTask) throws Exception {
        long instance = client.newCreateInstanceCommand().bpmnProcessId("lead-explore").latestVersion()
                .variables(vars("leadId", "lead-45", "owner", "rep-2", "country", "MX", "timeZone", "America/Mexico_City"))
                .send().join().getProcessInstanceKey();
        complete(awaitJob("due-in-working-time", instance), Map.of("due", engineNow().plusDays(2).toString()));
        Map<String, Object> submitted = new HashMap<>(answers);
        submitted.put("decision", decision);
        complete(awaitJob("io.camunda.zeebe:userTask", instance), submitted);

        ActivatedJob move = awaitJob("move-stage", instance);
        assertThat(move.getVariablesAsMap()).containsEntry("stage", stage).containsEntry("reason", reason);
        complete(move, Map.of());
        if (followUpTask != null) {
            assertThat(awaitJob("io.camunda.zeebe:userTask", instance).getElementId()).isEqualTo(followUpTask);
        }
    }

    static Stream<Arguments> exploreDecisions() {
        return Stream.of(
                Arguments.of("sql", Map.of("goals", "Grow"), "SQL", "Sales accepted: GPCTBA answered", null),
                Arguments.of("nurture", Map.of("recycleReason", "no-budget"), "LEAD", "Recycled to nurture: no-budget", null),
                Arguments.of("nurture", Map.of("recycleReason", "bad-timing"), "LEAD", "Recycled to nurture: bad-timing", null),
                Arguments.of("nurture", Map.of("recycleReason", "not-interested"), "LEAD", "Recycled to nurture: not-interested", null),
                Arguments.of("nurture", Map.of("recycleReason", "not-decision-maker"), "LEAD",
                        "Recycled to nurture: not-decision-maker", "Task_FindWhoSigns"),
                Arguments.of("disqualify", Map.of("disqualifyReason", "no-need"), "DISQUALIFIED",
                        "Disqualified in explore: no-need", null));
    }

    @Test
    void aLostDealRecordsItsReason() throws Exception {
        long instance = startAdvise("lead-46", "retail", "ES");
        ActivatedJob proposal = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(proposal.getVariablesAsMap()).containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/tiendas-sol-retail");
        completeProposal(proposal);
        complete(awaitJob("io.camunda.zeebe:userTask", instance), Map.of("outcome", "lost", "lostReason", "competitor"));
        ActivatedJob lost = awaitJob("move-stage", instance);
        assertThat(lost.getVariablesAsMap()).containsEntry("stage", "LOST").containsEntry("reason", "Lost: competitor");
    }

    @Test
    void aBuyerOfAnotherIndustryGetsItsCountrysCaseStudyElseTheDefault() throws Exception {
        long mexican = startAdvise("lead-47", "mining", "MX");
        assertThat(awaitJob("io.camunda.zeebe:userTask", mexican).getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/monterrey-mx");
        long chilean = startAdvise("lead-48", null, "CL");
        assertThat(awaitJob("io.camunda.zeebe:userTask", chilean).getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/platzimetrics");
    }

    @Test
    void aNurturedDealComesBackIntoANewConnectSequenceOnItsDate() throws Exception {
        long instance = client.newCreateInstanceCommand().bpmnProcessId("lead-journey").latestVersion()
                .variables(vars("leadId", "lead-49", "owner", "rep-2", "industry", "telecom", "country", "ES",
                        "timeZone", "Europe/Madrid", "round", 1))
                .startBeforeElement("CallActivity_Advise").send().join().getProcessInstanceKey();
        completeDue(awaitLeadJob("due-in-working-time", "lead-49"), 40);
        completeProposal(awaitLeadJob("io.camunda.zeebe:userTask", "lead-49"));
        String nurtureUntil = engineNow().toLocalDate().plusDays(3).toString();
        complete(awaitLeadJob("io.camunda.zeebe:userTask", "lead-49"), Map.of("outcome", "nurture", "nurtureUntil", nurtureUntil));
        ActivatedJob nurture = awaitLeadJob("move-stage", "lead-49");
        assertThat(nurture.getVariablesAsMap()).containsEntry("stage", "LEAD").containsEntry("reason", "Nurture until " + nurtureUntil);
        complete(nurture, Map.of());
        awaitAtRest(Set.of(instance));

        advanceEngineClock(Duration.ofDays(4));
        ActivatedJob back = awaitJob("move-stage", instance);
        assertThat(back.getElementId()).isEqualTo("Task_BackToMql");
        assertThat(back.getVariablesAsMap()).containsEntry("stage", "MQL");
        complete(back, Map.of());
        ActivatedJob plan = awaitLeadJob("plan-sequence", "lead-49");
        assertThat(plan.getBpmnProcessId()).isEqualTo("lead-sequence");
        assertThat(plan.getVariablesAsMap()).containsEntry("round", 2);
    }

    @Test
    void aReplyTakesItsIntentToExplore() throws Exception {
        client.newCreateInstanceCommand().bpmnProcessId("lead-journey").latestVersion()
                .variables(vars("leadId", "lead-51", "owner", "rep-2", "leadType", "FORM_FILL", "country", "MX",
                        "timeZone", "America/Mexico_City"))
                .startBeforeElement("CallActivity_Connect").send().join();
        OffsetDateTime now = engineNow();
        complete(awaitLeadJob("plan-sequence", "lead-51"), Map.of("attempts", List.of(
                Map.of("step", 2, "channel", "EMAIL", "due", now.plusDays(2).plusHours(2).toString(),
                        "sameDayEnd", now.plusDays(2).plusHours(8).toString()))));
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-51"));

        client.newPublishMessageCommand().messageName("lead-replied").correlationKey("lead-51")
                .variables(Map.of("exitReason", "REPLIED", "replyIntent", "NOT_NOW")).send().join();
        complete(awaitLeadJob("record-sequence-exit", "lead-51"), Map.of());

        ActivatedJob qualifyDue = awaitLeadJob("due-in-working-time", "lead-51");
        assertThat(qualifyDue.getBpmnProcessId()).isEqualTo("lead-explore");
        assertThat(qualifyDue.getVariablesAsMap()).containsEntry("replyIntent", "NOT_NOW");
    }

    @Test
    void aReplySayingNotNowUntilADayNurturesTheLeadUntilThenWithoutAskingTheRep() throws Exception {
        client.newCreateInstanceCommand().bpmnProcessId("lead-journey").latestVersion()
                .variables(journeyVars("lead-66")).startBeforeElement("CallActivity_Connect").send().join();
        OffsetDateTime now = engineNow();
        complete(awaitLeadJob("plan-sequence", "lead-66"), Map.of("attempts", List.of(
                Map.of("step", 2, "channel", "EMAIL", "due", now.plusDays(2).plusHours(2).toString(),
                        "sameDayEnd", now.plusDays(2).plusHours(8).toString()))));
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-66"));

        String until = now.toLocalDate().plusDays(5).toString();
        client.newPublishMessageCommand().messageName("lead-replied").correlationKey("lead-66")
                .variables(Map.of("exitReason", "REPLIED", "replyIntent", "NOT_NOW", "nurtureUntil", until)).send().join();
        complete(awaitLeadJob("record-sequence-exit", "lead-66"), Map.of());

        ActivatedJob recycled = awaitLeadJob("move-stage", "lead-66");
        assertThat(recycled.getElementId()).isEqualTo("Task_NotNow");
        assertThat(recycled.getVariablesAsMap()).containsEntry("stage", "LEAD")
                .containsEntry("reason", "Recycled to nurture: the reply says not now, until " + until);
        complete(recycled, Map.of());
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-66"));

        advanceEngineClock(Duration.ofDays(6));
        ActivatedJob back = awaitLeadJob("move-stage", "lead-66");
        assertThat(back.getElementId()).isEqualTo("Task_BackToMql");
        assertThat(back.getVariablesAsMap()).containsEntry("reason", "Nurture date " + until + " reached");
        complete(back, Map.of());
        assertThat(awaitLeadJob("plan-sequence", "lead-66").getVariablesAsMap()).containsEntry("round", 3); // the next round
    }

    // nurture: leads come back -------------------------------------------------------------------------------

    @Test
    void aNurturedLeadGetsAwarenessContentAtTheCadenceInItsWorkingTimeAndComesBackToMqlOnAClick() throws Exception {
        client.newCreateInstanceCommand().bpmnProcessId("lead-journey").latestVersion()
                .variables(journeyVars("lead-60")).startBeforeElement("CallActivity_Nurture").send().join();
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-60"));
        assertThat(enteredNurture).as("the nurture recorded the lead in nurture").contains("lead-60");

        advanceEngineClock(Duration.ofDays(14).plusMinutes(1));
        ActivatedJob time = awaitLeadJob("nurture-time", "lead-60");
        assertThat(time.getBpmnProcessId()).isEqualTo("lead-nurture");
        Object day = time.getVariablesAsMap().get("nurtureDay");
        assertThat(day).asString().matches("\\d{4}-\\d{2}-\\d{2}");
        OffsetDateTime workingMoment = engineNow().plusHours(1);
        complete(time, Map.of("nurtureAt", workingMoment.toString(), "nurtureNow", false));
        awaitAtRest(Set.of(time.getProcessInstanceKey()));
        assertThat(jobsOf("send-nurture-email", time.getProcessInstanceKey())).as("nothing before the lead's working time").isEmpty();

        advanceEngineClock(Duration.between(engineNow(), workingMoment.plusSeconds(1)));
        ActivatedJob again = awaitLeadJob("nurture-time", "lead-60");
        assertThat(again.getVariablesAsMap()).as("the same content, read again").containsEntry("nurtureDay", day);
        complete(again, Map.of("nurtureAt", engineNow().toString(), "nurtureNow", true));
        ActivatedJob content = awaitLeadJob("send-nurture-email", "lead-60");
        assertThat(content.getVariablesAsMap()).containsEntry("nurtureDay", day).containsEntry("round", 1);
        complete(content, Map.of());

        client.newPublishMessageCommand().messageName("lead-engaged").correlationKey("lead-60")
                .variables(Map.of("engagement", "Link clicked: https://leadflow.io/guides/roi")).send().join();
        assertBackToMqlInANewSequence("lead-60", "Back from nurture: Link clicked: https://leadflow.io/guides/roi");
    }

    @Test
    void aLeadThatSaysNotNowIsNurturedUntilItsDateAndComesBackSoonerOnANewFormFill() throws Exception {
        String until = engineNow().toLocalDate().plusDays(30).toString();
        qualifyAsNotNowUntil("lead-61", until);
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-61"));

        client.newPublishMessageCommand().messageName("lead-engaged").correlationKey("lead-61")
                .variables(Map.of("engagement", "New form fill: ebook")).send().join();
        assertBackToMqlInANewSequence("lead-61", "Back from nurture: New form fill: ebook");
    }

    @Test
    void aLeadThatSaysNotNowComesBackOnItsDate() throws Exception {
        String until = engineNow().toLocalDate().plusDays(3).toString();
        qualifyAsNotNowUntil("lead-62", until);
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-62"));

        advanceEngineClock(Duration.ofDays(4));
        ActivatedJob back = awaitLeadJob("move-stage", "lead-62");
        assertThat(back.getElementId()).isEqualTo("Task_BackToMql");
        assertThat(back.getVariablesAsMap()).containsEntry("stage", "MQL").containsEntry("reason", "Nurture date " + until + " reached");
        complete(back, Map.of());
        assertThat(awaitLeadJob("plan-sequence", "lead-62").getVariablesAsMap()).containsEntry("round", 2);
    }

    @Test
    void aReplySayingWrongPersonOpensFindWhoSignsFilledInWhoseAnswerBecomesAReferralLeadWithTheSameAnswersWhenRetried() throws Exception {
        long instance = client.newCreateInstanceCommand().bpmnProcessId("lead-explore").latestVersion()
                .variables(vars("leadId", "lead-63", "owner", "rep-2", "country", "MX", "timeZone", "America/Mexico_City",
                        "replyIntent", "WRONG_PERSON", "referralEmail", "lucia@telcomex.mx"))
                .send().join().getProcessInstanceKey();
        ActivatedJob recycled = awaitJob("move-stage", instance);
        assertThat(recycled.getVariablesAsMap()).containsEntry("stage", "LEAD")
                .containsEntry("reason", "Recycled to nurture: the reply says someone else decides");
        complete(recycled, Map.of());
        ActivatedJob find = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(find.getElementId()).isEqualTo("Task_FindWhoSigns");
        assertThat(find.getVariablesAsMap()).as("who the reply named fills in the form")
                .containsEntry("replyIntent", "WRONG_PERSON").containsEntry("signerEmail", "lucia@telcomex.mx");
        complete(find, vars("signerFirstName", "Lucía", "signerLastName", "Paz", "signerEmail", "lucia@telcomex.mx",
                "signerJobTitle", "CEO"));

        ActivatedJob create = awaitJob("create-referral-lead", instance);
        client.newFailCommand(create.getKey()).retries(2).errorMessage("database away").send().join();
        ActivatedJob retried = awaitJob("create-referral-lead", instance);
        assertThat(retried.getVariablesAsMap()).containsEntry("leadId", "lead-63").containsEntry("signerFirstName", "Lucía")
                .containsEntry("signerLastName", "Paz").containsEntry("signerEmail", "lucia@telcomex.mx")
                .containsEntry("signerJobTitle", "CEO");
        complete(retried, vars("referralLeadId", "lead-64"));
        awaitAtRest(Set.of(instance));
    }

    @Test
    void aReplySayingNotInterestedIsRecycledWithItsReasonAndAReplyInNurtureBringsTheLeadBack() throws Exception {
        Map<String, Object> variables = journeyVars("lead-65");
        variables.put("replyIntent", "NOT_INTERESTED");
        client.newCreateInstanceCommand().bpmnProcessId("lead-journey").latestVersion()
                .variables(variables).startBeforeElement("CallActivity_Explore").send().join();
        ActivatedJob recycled = awaitLeadJob("move-stage", "lead-65");
        assertThat(recycled.getVariablesAsMap()).containsEntry("stage", "LEAD")
                .containsEntry("reason", "Recycled to nurture: the reply says not interested");
        complete(recycled, Map.of());
        awaitAtRest(EngineRecords.of(engine.getRecordStreamSource().getRecords()).instancesOf("lead-65"));

        client.newPublishMessageCommand().messageName("lead-engaged").correlationKey("lead-65")
                .variables(Map.of("engagement", "Replied (INTERESTED)")).send().join();
        assertBackToMqlInANewSequence("lead-65", "Back from nurture: Replied (INTERESTED)");
    }

    static Map<String, Object> journeyVars(String leadId) {
        return vars("leadId", leadId, "leadType", "FORM_FILL", "owner", "rep-2", "country", "MX",
                "timeZone", "America/Mexico_City", "language", "es", "round", 1);
    }

    /** The lead's explore: the rep qualifies the reply as "not now" until the date; the lead goes back to nurture. */
    static void qualifyAsNotNowUntil(String leadId, String until) throws Exception {
        Map<String, Object> variables = journeyVars(leadId);
        variables.put("replyIntent", "NOT_NOW");
        client.newCreateInstanceCommand().bpmnProcessId("lead-journey").latestVersion()
                .variables(variables).startBeforeElement("CallActivity_Explore").send().join();
        complete(awaitLeadJob("due-in-working-time", leadId), Map.of("due", engineNow().plusDays(2).toString()));
        ActivatedJob qualify = awaitLeadJob("io.camunda.zeebe:userTask", leadId);
        assertThat(qualify.getElementId()).isEqualTo("Task_QualifyLead");
        complete(qualify, Map.of("decision", "nurture", "recycleReason", "not-now", "nurtureUntil", until));
        assertStageMove(leadId, "LEAD", "Recycled to nurture: not-now");
    }

    /** The journey moves the lead to MQL with the reason and starts its second connect sequence. */
    static void assertBackToMqlInANewSequence(String leadId, String reason) throws Exception {
        ActivatedJob back = awaitLeadJob("move-stage", leadId);
        assertThat(back.getElementId()).isEqualTo("Task_BackToMqlOnSign");
        assertThat(back.getVariablesAsMap()).containsEntry("stage", "MQL").containsEntry("reason", reason);
        complete(back, Map.of());
        ActivatedJob plan = awaitLeadJob("plan-sequence", leadId);
        assertThat(plan.getBpmnProcessId()).isEqualTo("lead-sequence");
        assertThat(plan.getVariablesAsMap()).containsEntry("round", 2);
    }

    /** A sequence planned as a first call due in 4 hours and an email two days later, its first call open now. */
    static long startSequenceAtItsFirstCall(String leadId) throws Exception {
        long instance = startSequence(leadId);
        OffsetDateTime now = engineNow();
        complete(awaitJob("plan-sequence", instance), Map.of("attempts", List.of(
                Map.of("step", 1, "channel", "CALL", "due", now.plusHours(4).toString(),
                        "sameDayEnd", now.plusHours(6).toString(), "closeAt", now.plusDays(2).toString()),
                Map.of("step", 2, "channel", "EMAIL", "due", now.plusDays(2).plusHours(2).toString(),
                        "sameDayEnd", now.plusDays(2).plusHours(8).toString(), "closeAt", now.plusDays(2).plusHours(2).toString()))));
        completeAttemptTime(awaitJob("attempt-time", instance), now.minusMinutes(1));
        return instance;
    }

    /** An advise instance at its proposal, due 40 working hours on. */
    static long startAdvise(String leadId, String industry, String country) throws Exception {
        long instance = client.newCreateInstanceCommand().bpmnProcessId("lead-advise").latestVersion()
                .variables(vars("leadId", leadId, "owner", "rep-2", "industry", industry, "country", country))
                .send().join().getProcessInstanceKey();
        completeDue(awaitJob("due-in-working-time", instance), 40);
        return instance;
    }

    /** Completes the proposal with its meeting: the opportunity, and the deal outcome due 80 working hours on. */
    static OffsetDateTime completeProposal(ActivatedJob proposal) throws Exception {
        assertThat(proposal.getElementId()).isEqualTo("Task_PrepareProposal");
        complete(proposal, Map.of("meetingDate", "2027-03-02", "meetingHeld", true));
        complete(awaitJob("move-stage", proposal.getProcessInstanceKey()), Map.of());
        return completeDue(awaitJob("due-in-working-time", proposal.getProcessInstanceKey()), 80);
    }

    /**
     * Completes the job that finds a task's due as the model asks for it, {@code workingHours} on; here each working hour
     * is an hour (the lead's calendar is {@code DueInWorkingTimeWorker}'s). Returns the due.
     */
    static OffsetDateTime completeDue(ActivatedJob job, int workingHours) {
        assertThat(job.getVariablesAsMap()).containsEntry("workingHours", workingHours);
        OffsetDateTime due = engineNow().plusHours(workingHours);
        complete(job, Map.of("due", due.toString(), "inWorkingTime", true));
        return due;
    }

    /** Nothing is escalated until the due; then the breach goes to the manager, once. */
    static void escalatedAtItsDueOnly(long instance, OffsetDateTime due, String breach) throws Exception {
        advanceEngineClock(Duration.between(engineNow(), due).minusMinutes(1));
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("escalate-sla-breach", instance)).as("nothing before the due").isEmpty();
        advanceEngineClock(Duration.ofMinutes(2));
        ActivatedJob escalate = awaitJob("escalate-sla-breach", instance);
        assertThat(escalate.getVariablesAsMap()).containsEntry("breach", breach).containsKey("owner");
        complete(escalate, Map.of("manager", "marta"));
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("escalate-sla-breach", instance)).as("escalated once").isEmpty();
    }

    @Test
    void aQualifyNotDecidedByItsDueGoesToTheManagerWhileTheTaskStaysWithTheRep() throws Exception {
        long instance = client.newCreateInstanceCommand().bpmnProcessId("lead-explore").latestVersion()
                .variables(vars("leadId", "lead-57", "owner", "rep-2", "country", "MX", "timeZone", "America/Mexico_City"))
                .send().join().getProcessInstanceKey();
        OffsetDateTime due = completeDue(awaitJob("due-in-working-time", instance), 16);
        ActivatedJob qualify = awaitJob("io.camunda.zeebe:userTask", instance);
        escalatedAtItsDueOnly(instance, due, "QUALIFY");

        complete(qualify, Map.of("decision", "sql", "goals", "Grow 20%", "budget", "Approved"));
        assertThat(awaitJob("move-stage", instance).getVariablesAsMap()).containsEntry("stage", "SQL");
    }

    @Test
    void aProposalNotMadeByItsDueGoesToTheManagerWhileTheTaskStaysWithTheRep() throws Exception {
        long instance = client.newCreateInstanceCommand().bpmnProcessId("lead-advise").latestVersion()
                .variables(vars("leadId", "lead-58", "owner", "rep-2", "industry", "telecom", "country", "MX"))
                .send().join().getProcessInstanceKey();
        OffsetDateTime due = completeDue(awaitJob("due-in-working-time", instance), 40);
        ActivatedJob proposal = awaitJob("io.camunda.zeebe:userTask", instance);
        escalatedAtItsDueOnly(instance, due, "PROPOSAL");

        OffsetDateTime outcomeDue = completeProposal(proposal);
        ActivatedJob outcome = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(outcome.getElementId()).isEqualTo("Task_RecordDealOutcome");
        escalatedAtItsDueOnly(instance, outcomeDue, "DEAL_OUTCOME");

        complete(outcome, Map.of("outcome", "won"));
        assertThat(awaitJob("move-stage", instance).getVariablesAsMap()).containsEntry("stage", "CUSTOMER");
    }

    static void assertStageMove(String leadId, String stage, String reason) throws Exception {
        ActivatedJob move = awaitLeadJob("move-stage", leadId);
        assertThat(move.getVariablesAsMap()).containsEntry("stage", stage).containsEntry("reason", reason);
        complete(move, Map.of());
    }

    @Test
    void aTriggerEventWithoutAPersonIsResearchedAndTheContactFoundBecomesALead() throws Exception {
        publishLeadArrived("lead-50", "TRIGGER_EVENT", false);

        ActivatedJob started = awaitJob("record-process-start");
        assertThat(started.getVariablesAsMap()).containsEntry("leadId", "lead-50");
        complete(started, Map.of());
        complete(awaitLeadJob("enrich-lead", "lead-50"), vars("role", "OTHER", "region", "LATAM"));
        complete(awaitLeadJob("assign-rep", "lead-50"), vars("owner", "rep-1", "ownerName", "Ana Rep", "ownerEmail", "ana@example.com",
                "taskDue", engineNow().plusDays(1).toString()));
        OffsetDateTime due = completeDue(awaitLeadJob("due-in-working-time", "lead-50"), 8);

        ActivatedJob research = awaitLeadJob("io.camunda.zeebe:userTask", "lead-50");
        assertThat(research.getElementId()).isEqualTo("Task_ResearchContacts");
        assertThat(research.getCustomHeaders()).containsEntry("io.camunda.zeebe:dueDate", due.toString());
        escalatedAtItsDueOnly(research.getProcessInstanceKey(), due, "RESEARCH");
        complete(research, vars("contactFirstName", "Valeria", "contactLastName", "Soto", "contactEmail", "valeria@telcomex.mx",
                "contactJobTitle", "CEO", "notes", "Found on the company's team page"));

        ActivatedJob create = awaitLeadJob("create-contact-lead", "lead-50");
        assertThat(create.getVariablesAsMap()).containsEntry("leadId", "lead-50").containsEntry("contactFirstName", "Valeria")
                .containsEntry("contactLastName", "Soto").containsEntry("contactEmail", "valeria@telcomex.mx")
                .containsEntry("contactJobTitle", "CEO");
        complete(create, vars("contactLeadId", "lead-46"));
        ActivatedJob ended = awaitLeadJob("record-process-end", "lead-50");
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
        OffsetDateTime now = engineNow();
        planOneAttempt(instance, 3, "CALL", now.plusHours(2), now.plusHours(8));
        completeAttemptTime(awaitJob("attempt-time", instance), now.minusMinutes(1));

        ActivatedJob call = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(call.getElementId()).isEqualTo("Task_FollowUpCall");
        complete(call, Map.of("outcome", "no-answer"));

        complete(awaitJob("follow-up-time", instance), Map.of("at", now.plusHours(12).toString(), "sendNow", false));
        ActivatedJob social = awaitJob("io.camunda.zeebe:userTask", instance);
        assertThat(social.getElementId()).isEqualTo("Task_SocialAfterCall");
        complete(social, Map.of("action", "sent-connection-request"));
        awaitAtRest(Set.of(instance));
        assertThat(client.newActivateJobsCommand().jobType("send-sequence-email").maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(200)).send().join().getJobs()).as("no email before the lead's working time").isEmpty();
        advanceEngineClock(Duration.ofHours(13));
        // The time came (perhaps late): the lead's working time and the mailbox are read again before the email goes.
        complete(awaitJob("follow-up-time", instance), Map.of("at", engineNow().toString(), "sendNow", true));
        ActivatedJob email = awaitJob("send-sequence-email", instance);
        assertThat(email.getElementId()).isEqualTo("Task_SendFollowUpEmail");
        assertThat(email.getVariablesAsMap()).containsEntry("followUp", true);
        complete(email, Map.of());

        ActivatedJob recycle = awaitJob("recycle-to-nurture", instance);
        assertThat(recycle.getVariablesAsMap()).containsEntry("outcome", "no-answer")
                .containsEntry("lastSocialAction", "sent-connection-request");
    }

    @Test
    void aReplyEndsTheSequenceThroughItsEventSubProcess() throws Exception {
        long instance = startSequence("lead-44");
        OffsetDateTime now = engineNow();
        planOneAttempt(instance, 2, "EMAIL", now.plusDays(2).plusHours(2), now.plusDays(2).plusHours(8));
        awaitAtRest(Set.of(instance));

        client.newPublishMessageCommand().messageName("lead-replied").correlationKey("lead-44").send().join();

        ActivatedJob exit = awaitJob("record-sequence-exit", instance);
        assertThat(exit.getElementId()).isEqualTo("Task_RecordLeadRepliedExit");
        assertThat(exit.getVariablesAsMap()).containsEntry("exitReason", "REPLIED");
        complete(exit, Map.of());
    }

    /** A pause moves the lead's plan: the attempt waiting for its time reads it again and waits for the new one. */
    @Test
    void aRescheduledSequenceMovesTheWaitOfTheAttempt() throws Exception {
        long instance = startSequence("lead-52");
        OffsetDateTime now = engineNow();
        planOneAttempt(instance, 2, "EMAIL", now.plusDays(2).plusHours(2), now.plusDays(2).plusHours(8));
        OffsetDateTime planned = now.plusDays(2);
        OffsetDateTime afterThePause = now.plusDays(5);
        completeAttemptTime(awaitJob("attempt-time", instance), planned);
        awaitAtRest(Set.of(instance));

        client.newPublishMessageCommand().messageName("sequence-rescheduled").correlationKey("lead-52").send().join();
        ActivatedJob again = awaitJob("attempt-time", instance);
        assertThat(again.getElementId()).isEqualTo("Task_FindAttemptTime");
        completeAttemptTime(again, afterThePause);
        awaitAtRest(Set.of(instance));

        advanceEngineClock(Duration.between(engineNow(), planned.plusHours(1)));
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("send-sequence-email", instance)).as("no email at the time planned before the pause").isEmpty();
        complete(emailWhenItsTimeComes(instance, afterThePause), Map.of());
    }

    /**
     * The attempt's time came late, outside the lead's working time (leadflow was stopped, the clock jumped): read again,
     * it opens at the lead's next working moment, and nothing is sent before. (Small clock moves: a bigger one would
     * time out jobs other tests hold.)
     */
    @Test
    void anAttemptWhoseTimeCameOutsideWorkingTimeWaitsForTheNextWorkingMoment() throws Exception {
        long instance = startSequence("lead-54");
        OffsetDateTime now = engineNow();
        planOneAttempt(instance, 2, "EMAIL", now.plusHours(2), now.plusHours(2));
        completeAttemptTime(awaitJob("attempt-time", instance), now.plusSeconds(30));

        advanceEngineClock(Duration.ofMinutes(1));
        ActivatedJob timeCame = awaitJob("attempt-time", instance);
        assertThat(timeCame.getElementId()).isEqualTo("Task_FindAttemptTime");
        OffsetDateTime nextWorkingMoment = engineNow().plusMinutes(1);
        completeAttemptTime(timeCame, nextWorkingMoment);
        awaitAtRest(Set.of(instance));
        assertThat(jobsOf("send-sequence-email", instance)).as("no email outside the lead's working time").isEmpty();

        complete(emailWhenItsTimeComes(instance, nextWorkingMoment), Map.of());
    }

    /** Moves the clock past {@code openAt}: the attempt, read again then, is open and its email's job comes. */
    static ActivatedJob emailWhenItsTimeComes(long instance, OffsetDateTime openAt) throws Exception {
        advanceEngineClock(Duration.between(engineNow(), openAt.plusSeconds(1)));
        completeAttemptTime(awaitJob("attempt-time", instance), openAt);
        ActivatedJob email = awaitJob("send-sequence-email", instance);
        assertThat(email.getVariablesAsMap()).containsEntry("attemptOpenAt", openAt.toString());
        return email;
    }

    /** Answers the instance's plan-sequence job: one attempt. */
    static void planOneAttempt(long instance, int step, String channel, OffsetDateTime due, OffsetDateTime sameDayEnd)
            throws Exception {
        complete(awaitJob("plan-sequence", instance), Map.of("attempts", List.of(
                Map.of("step", step, "channel", channel, "due", due.toString(), "sameDayEnd", sameDayEnd.toString()))));
    }

    /** Answers an attempt-time job: the attempt as planned, opening at {@code openAt}, open if that is not after now. */
    static void completeAttemptTime(ActivatedJob job, OffsetDateTime openAt) {
        complete(job, Map.of("attempt", job.getVariablesAsMap().get("attempt"), "openAt", openAt.toString(),
                "open", !openAt.isAfter(engineNow())));
    }

    /** The jobs of the type the instance has now; every job activated is handed back. */
    static List<ActivatedJob> jobsOf(String type, long processInstanceKey) {
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10)
                .requestTimeout(Duration.ofMillis(200)).send().join().getJobs();
        jobs.forEach(job -> client.newFailCommand(job.getKey()).retries(job.getRetries()).send().join());
        return jobs.stream().filter(job -> job.getProcessInstanceKey() == processInstanceKey).toList();
    }

    static long startSequence(String leadId) {
        return client.newCreateInstanceCommand().bpmnProcessId("lead-sequence").latestVersion()
                .variables(vars("leadId", leadId, "leadType", "REFERRAL", "owner", "rep-2", "country", "MX",
                        "timeZone", "America/Mexico_City", "language", "es", "persona", "executive"))
                .send().join().getProcessInstanceKey();
    }

    // helpers -------------------------------------------------------------------------------------------

    /** How far the tests moved the engine's clock ahead of the wall clock. */
    static Duration engineClockAhead = Duration.ZERO;

    static void advanceEngineClock(Duration by) {
        engine.increaseTime(by);
        engineClockAhead = engineClockAhead.plus(by);
    }

    static OffsetDateTime engineNow() {
        return OffsetDateTime.now().plus(engineClockAhead).truncatedTo(ChronoUnit.SECONDS);
    }

    static ActivatedJob awaitJob(String type) throws Exception {
        return awaitJob(type, null);
    }

    /** Activates the next job of the type, of the given process instance if one is given; hands other jobs back. */
    static ActivatedJob awaitJob(String type, Long processInstanceKey) throws Exception {
        return awaitJobThat(type, job -> processInstanceKey == null || job.getProcessInstanceKey() == processInstanceKey);
    }

    /** The next job of the type for the lead, in whichever of its processes (a called stage has its own instance). */
    static ActivatedJob awaitLeadJob(String type, String leadId) throws Exception {
        return awaitJobThat(type, job -> leadId.equals(job.getVariablesAsMap().get("leadId")));
    }

    static ActivatedJob awaitJobThat(String type, java.util.function.Predicate<ActivatedJob> wanted) {
        return await().atMost(PATIENCE).until(() -> {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10)
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

    /**
     * Waits until the instances are at rest at the engine's "now" ({@link EngineRecords#workUnderWay}): every timer due
     * has fired and what it started waits for a job this test completes, a message or a later time.
     */
    static void awaitAtRest(Set<Long> instances) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(EngineRecords.of(engine.getRecordStreamSource().getRecords())
                .workUnderWay(instances, Instant.now().plus(engineClockAhead), type -> false)).isEmpty());
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

    /** The rule rows' annotations (their descriptions), by rule id; rows without one are left out. */
    static Map<String, String> annotations(String dmn) throws Exception {
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

    static Set<String> ruleIds(String dmn) throws Exception {
        Set<String> ids = new HashSet<>();
        NodeList rules = ModelsTest.dom(ModelsTest.PROCESSES.resolve(dmn)).getElementsByTagNameNS(ModelsTest.DMN_NS, "rule");
        for (int i = 0; i < rules.getLength(); i++) {
            ids.add(((Element) rules.item(i)).getAttribute("id"));
        }
        return ids;
    }
}
