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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.leadflow.process.ProcessTestEngine.vars;
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
}
