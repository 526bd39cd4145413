package io.leadflow.process;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.leadflow.assignment.SlaEscalation;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.scoring.Routings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * lead-advise, path by path, with its real workers: the case study chosen by its table (evaluated by the engine module
 * as deployed with the model), the proposal, the deal's outcome and the manager told of a task late.
 */
@ProcessTest
class LeadAdviseProcessTest {

    @Autowired
    ProcessTestEngine engine;

    @Autowired
    Leads leads;
    @Autowired
    SlaEscalation escalation;
    @Autowired
    Routings routings;

    final UUID lead = UUID.randomUUID();

    @BeforeEach
    void theManagerIsMarta() {
        when(escalation.escalate(any(), any(), anyInt(), any(), anyInt())).thenReturn("marta");
    }

    long startAdvise(String industry, String country) {
        return engine.start(AdviseProcess.ID, vars("leadId", lead.toString(), "owner", "rep-2", "industry", industry,
                "country", country, "timeZone", "America/Mexico_City"));
    }

    /** Completes the proposal with its meeting: the lead becomes an opportunity and its deal outcome is asked. */
    ActivatedJob proposalMeetingHeld(ActivatedJob proposal) {
        long instance = proposal.getProcessInstanceKey();
        engine.complete(proposal, Map.of("meetingDate", "2027-03-02", "meetingHeld", true));
        ActivatedJob outcome = engine.awaitTask("Task_RecordDealOutcome", instance);
        verify(leads).moveTo(eq(lead), eq(LeadStage.OPPORTUNITY), eq("Proposal meeting held on 2027-03-02"), anyString());
        return outcome;
    }

    @Test
    void aWonDealMakesTheLeadACustomerAndATelecomBuyerGetsTheTelecomCaseStudy() {
        long instance = startAdvise("telecom", "MX");
        ActivatedJob proposal = engine.awaitTask("Task_PrepareProposal", instance);
        assertThat(proposal.getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/andesnet-telecom");
        assertThat(proposal.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-2")
                .containsKey("io.camunda.zeebe:dueDate");
        verify(routings).record(eq(lead), any(), any(), anyString());

        engine.complete(proposalMeetingHeld(proposal), Map.of("outcome", "won"));
        engine.awaitPassed(Set.of(instance), "EndEvent_Won");
        verify(leads).moveTo(eq(lead), eq(LeadStage.CUSTOMER), eq("Won"), anyString());
        assertThat(engine.records().completedElements(Set.of(instance))).containsSubsequence("Task_ChooseCaseStudy",
                "Task_SetProposalDue", "Task_PrepareProposal", "Task_MoveToOpportunity", "Task_SetDealOutcomeDue",
                "Task_RecordDealOutcome", "Task_MoveToCustomer", "EndEvent_Won");
    }

    @Test
    void aLostDealRecordsItsReason() {
        long instance = startAdvise("retail", "ES");
        ActivatedJob proposal = engine.awaitTask("Task_PrepareProposal", instance);
        assertThat(proposal.getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/tiendas-sol-retail");
        engine.complete(proposalMeetingHeld(proposal), Map.of("outcome", "lost", "lostReason", "competitor"));
        engine.awaitPassed(Set.of(instance), "EndEvent_Lost");
        verify(leads).moveTo(eq(lead), eq(LeadStage.LOST), eq("Lost: competitor"), anyString());
    }

    @Test
    void aDealToNurtureSendsTheLeadBackUntilItsDate() {
        long instance = startAdvise("telecom", "MX");
        String until = engine.now().toLocalDate().plusDays(3).toString();
        engine.complete(proposalMeetingHeld(engine.awaitTask("Task_PrepareProposal", instance)),
                Map.of("outcome", "nurture", "nurtureUntil", until));
        engine.awaitPassed(Set.of(instance), "EndEvent_Nurture");
        verify(leads).moveTo(eq(lead), eq(LeadStage.LEAD), eq("Nurture until " + until), anyString());
    }

    @Test
    void aBuyerOfAnotherIndustryGetsItsCountrysCaseStudyElseTheDefault() {
        long mexican = startAdvise("mining", "MX");
        assertThat(engine.awaitTask("Task_PrepareProposal", mexican).getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/monterrey-mx");
        long chilean = startAdvise(null, "CL");
        assertThat(engine.awaitTask("Task_PrepareProposal", chilean).getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/platzimetrics");
    }

    @Test
    void aProposalOrAnOutcomeNotMadeByItsDueGoesToTheManagerWhileTheTaskStaysWithTheRep() {
        long instance = startAdvise("telecom", "MX");
        ActivatedJob proposal = engine.awaitTask("Task_PrepareProposal", instance);
        Escalations.escalatedAtItsDueOnly(engine, escalation, lead, instance, proposal, SlaEscalation.Breach.PROPOSAL);

        ActivatedJob outcome = proposalMeetingHeld(proposal);
        Escalations.escalatedAtItsDueOnly(engine, escalation, lead, instance, outcome, SlaEscalation.Breach.DEAL_OUTCOME);
        engine.complete(outcome, Map.of("outcome", "won"));
        engine.awaitPassed(Set.of(instance), "EndEvent_Won");
        verify(leads).moveTo(eq(lead), eq(LeadStage.CUSTOMER), eq("Won"), anyString());
    }
}
