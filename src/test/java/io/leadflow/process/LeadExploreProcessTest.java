package io.leadflow.process;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.leadflow.assignment.SlaEscalation;
import io.leadflow.intake.ContactLeads;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** lead-explore, path by path, with its real workers: the rep's qualification and what a reply's intent does. */
@ProcessTest
class LeadExploreProcessTest {

    @Autowired
    ProcessTestEngine engine;

    @Autowired
    Leads leads;
    @Autowired
    SlaEscalation escalation;
    @Autowired
    ContactLeads contacts;

    final UUID lead = UUID.randomUUID();

    @BeforeEach
    void theManagerIsMarta() {
        when(escalation.escalate(any(), any(), anyInt(), any(), anyInt())).thenReturn("marta");
    }

    Map<String, Object> explore(Object... more) {
        Map<String, Object> variables = vars("leadId", lead.toString(), "owner", "rep-2", "country", "MX",
                "timeZone", "America/Mexico_City");
        variables.putAll(vars(more));
        return variables;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decisions")
    void theRepsDecisionMovesTheLead(String decision, Map<String, Object> answers, LeadStage stage, String reason,
                                     String followUpTask) {
        long instance = engine.start(ExploreProcess.ID, explore());
        ActivatedJob qualify = engine.awaitTask("Task_QualifyLead", instance);
        assertThat(qualify.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-2")
                .containsKey("io.camunda.zeebe:dueDate");
        Map<String, Object> submitted = new HashMap<>(answers);
        submitted.put("decision", decision);
        engine.complete(qualify, submitted);

        if (followUpTask != null) {
            engine.awaitTask(followUpTask, instance);
        }
        engine.awaitAtRest(instance);
        verify(leads).moveTo(eq(lead), eq(stage), eq(reason), anyString());
        assertThat(engine.records().completedElements(Set.of(instance)))
                .startsWith("StartEvent_LeadEngaged", "Gateway_ReplyIntent", "Task_SetQualifyDue", "Task_QualifyLead");
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("sql", Map.of("goals", "Grow"), LeadStage.SQL, "Sales accepted: GPCTBA answered", null),
                Arguments.of("nurture", Map.of("recycleReason", "no-budget"), LeadStage.LEAD, "Recycled to nurture: no-budget", null),
                Arguments.of("nurture", Map.of("recycleReason", "bad-timing"), LeadStage.LEAD, "Recycled to nurture: bad-timing", null),
                Arguments.of("nurture", Map.of("recycleReason", "not-interested"), LeadStage.LEAD,
                        "Recycled to nurture: not-interested", null),
                Arguments.of("nurture", Map.of("recycleReason", "not-decision-maker"), LeadStage.LEAD,
                        "Recycled to nurture: not-decision-maker", "Task_FindWhoSigns"),
                Arguments.of("disqualify", Map.of("disqualifyReason", "no-need"), LeadStage.DISQUALIFIED,
                        "Disqualified in explore: no-need", null));
    }

    @Test
    void aReplySayingWrongPersonOpensFindWhoSignsFilledInWhoseAnswerBecomesAReferralLeadWithTheSameAnswersWhenRetried() {
        ContactLeads.Contact signer = new ContactLeads.Contact("Lucía", "Paz", "lucia@telcomex.mx", "CEO");
        when(contacts.referral(lead, signer)).thenThrow(new IllegalStateException("database away"))
                .thenReturn(UUID.randomUUID());
        long instance = engine.start(ExploreProcess.ID, explore("replyIntent", "WRONG_PERSON",
                "referralEmail", "lucia@telcomex.mx"));

        ActivatedJob find = engine.awaitTask("Task_FindWhoSigns", instance);
        verify(leads).moveTo(eq(lead), eq(LeadStage.LEAD), eq("Recycled to nurture: the reply says someone else decides"),
                anyString());
        assertThat(find.getVariablesAsMap()).as("who the reply named fills in the form")
                .containsEntry("replyIntent", "WRONG_PERSON").containsEntry("signerEmail", "lucia@telcomex.mx");
        engine.complete(find, vars("signerFirstName", "Lucía", "signerLastName", "Paz", "signerEmail", "lucia@telcomex.mx",
                "signerJobTitle", "CEO"));

        engine.awaitPassed(Set.of(instance), "Task_CreateReferralLead");
        verify(contacts, times(2)).referral(lead, signer);
        engine.awaitAtRest(instance);
    }

    @Test
    void aQualifyNotDecidedByItsDueGoesToTheManagerOnceWhileTheTaskStaysWithTheRep() {
        long instance = engine.start(ExploreProcess.ID, explore());
        ActivatedJob qualify = engine.awaitTask("Task_QualifyLead", instance);
        Escalations.escalatedAtItsDueOnly(engine, escalation, lead, instance, qualify, SlaEscalation.Breach.QUALIFY);

        engine.complete(qualify, Map.of("decision", "sql", "goals", "Grow 20%", "budget", "Approved"));
        engine.awaitPassed(Set.of(instance), "EndEvent_SalesQualified");
        verify(leads).moveTo(eq(lead), eq(LeadStage.SQL), eq("Sales accepted: GPCTBA answered"), anyString());
    }

    @Test
    void aReplySayingNotInterestedIsRecycledWithItsReasonWithoutAskingTheRep() {
        long instance = engine.start(ExploreProcess.ID, explore("replyIntent", "NOT_INTERESTED"));
        engine.awaitPassed(Set.of(instance), "EndEvent_NotInterested");
        verify(leads).moveTo(eq(lead), eq(LeadStage.LEAD), eq("Recycled to nurture: the reply says not interested"),
                anyString());
        assertThat(engine.records().completedElements(Set.of(instance))).doesNotContain("Task_QualifyLead");
    }
}
