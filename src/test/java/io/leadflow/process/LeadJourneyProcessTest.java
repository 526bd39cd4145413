package io.leadflow.process;

import io.camunda.zeebe.client.api.command.ClientStatusException;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.grpc.Status;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.enrichment.EnrichmentService;
import io.leadflow.enrichment.FitFacts;
import io.leadflow.intake.ContactLeads;
import io.leadflow.intake.LeadProcesses;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.sequence.AttemptOpening;
import io.leadflow.sequence.AttemptWindow;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceOutcomes;
import io.leadflow.sequence.SequenceSchedule;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.leadflow.process.ProcessTestEngine.PATIENCE;
import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * lead-journey, path by path, with the real workers of every model it calls: a lead started once, through its stages
 * to a won deal, a reply's intent taken to explore, the ways into nurture and the ways back to MQL in a new sequence,
 * and a trigger event whose contact becomes a lead of its own.
 */
@ProcessTest
class LeadJourneyProcessTest {

    static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");

    @Autowired
    ProcessTestEngine engine;
    @Autowired
    EnrichmentService enrichment;
    @Autowired
    AssignmentService assignments;
    @Autowired
    SequenceOutcomes outcomes;
    @Autowired
    SequenceSchedule schedule;
    @Autowired
    Leads leads;
    @Autowired
    Nurtures nurtures;
    @Autowired
    LeadProcesses processes;
    @Autowired
    ContactLeads contacts;

    final UUID lead = UUID.randomUUID();

    /** lead-identify finds these facts of the lead, and assigns it to Ana. */
    void identifiedAs(FitFacts facts) {
        Identifications.enrichedAs(enrichment, lead, facts);
        Identifications.assignedToAna(assignments, lead, engine);
    }

    /** The lead's sequence plans one attempt, due then and open from {@code opensAt}. */
    void sequencePlans(int step, Channel channel, OffsetDateTime due, OffsetDateTime opensAt) {
        ZonedDateTime dueThere = due.atZoneSameInstant(MEXICO);
        AttemptWindow attempt = new AttemptWindow(step, channel, dueThere, dueThere, dueThere.plusHours(6), dueThere.plusDays(2),
                new PlannedAttempt(step, channel, dueThere, dueThere).opensAtOnce(true));
        when(schedule.plan(eq(lead), anyInt(), any())).thenReturn(List.of(attempt));
        when(schedule.attemptTime(eq(lead), anyInt(), eq(step))).thenAnswer(call -> new AttemptOpening(attempt,
                opensAt.atZoneSameInstant(MEXICO), !opensAt.isAfter(engine.now())));
    }

    /** The lead's message, as intake publishes it: one instance per lead, so a second publish is refused. */
    void leadArrived(String leadType, boolean personKnown) {
        engine.client().newPublishMessageCommand().messageName(JourneyProcess.LEAD_ARRIVED).correlationKey(lead.toString())
                .messageId(lead.toString()).timeToLive(Duration.ofHours(1))
                .variables(JourneyProcess.Variables.start(lead.toString(), leadType, "MX", MEXICO.getId(), "es", personKnown))
                .send().join();
    }

    /** The lead's journey, started before one of its stages, in its first round. */
    long journeyFrom(String callActivity, Object... more) {
        Map<String, Object> variables = vars("leadId", lead.toString(), "leadType", "FORM_FILL", "owner", "rep-2",
                "country", "MX", "timeZone", MEXICO.getId(), "language", "es", "industry", "telecom", "round", 1);
        variables.putAll(vars(more));
        return engine.startBefore(JourneyProcess.ID, callActivity, variables);
    }

    long startedJourney() {
        ArgumentCaptor<Long> instance = ArgumentCaptor.forClass(Long.class);
        verify(processes, timeout(PATIENCE.toMillis())).started(eq(lead), instance.capture());
        return instance.getValue();
    }

    void movedTo(LeadStage stage, String reason) {
        verify(leads, timeout(PATIENCE.toMillis())).moveTo(eq(lead), eq(stage), eq(reason), anyString());
    }

    ActivatedJob proposal() {
        return engine.awaitLeadTask("Task_PrepareProposal", lead.toString());
    }

    /** The rep held the proposal's meeting and recorded the deal's outcome. */
    void dealOutcome(ActivatedJob proposal, Map<String, Object> outcome) {
        engine.complete(proposal, Map.of("meetingDate", "2027-03-02", "meetingHeld", true));
        engine.complete(engine.awaitLeadTask("Task_RecordDealOutcome", lead.toString()), outcome);
    }

    /** The lead's sequence waits for its email, two days on; a reply with these variables ends it. */
    void repliedInItsSequence(Map<String, Object> reply) {
        OffsetDateTime emailDue = engine.now().plusDays(2);
        sequencePlans(2, Channel.EMAIL, emailDue, emailDue);
        journeyFrom("CallActivity_Connect");
        engine.awaitLeadPassed(lead.toString(), "Gateway_AttemptOpen");
        engine.awaitLeadAtRest(lead.toString());
        engine.publish(SequenceProcess.SEQUENCE_EXIT, lead.toString(), reply);
        verify(outcomes, timeout(PATIENCE.toMillis())).recordExit(eq(lead), eq("REPLIED"), any());
    }

    /** The rep qualifies the lead in explore as "not now" until the date: the lead goes to nurture. */
    void qualifiedAsNotNowUntil(String until) {
        journeyFrom("CallActivity_Explore", "replyIntent", "NOT_NOW");
        engine.complete(engine.awaitLeadTask("Task_QualifyLead", lead.toString()),
                Map.of("decision", "nurture", "recycleReason", "not-now", "nurtureUntil", until));
        movedTo(LeadStage.LEAD, "Recycled to nurture: not-now");
        engine.awaitLeadAtRest(lead.toString());
    }

    /** The journey takes the lead back to MQL at the element, with the reason, and starts its sequence of the round. */
    void backToMqlInANewSequence(String element, String reason, int round) {
        movedTo(LeadStage.MQL, reason);
        verify(schedule, timeout(PATIENCE.toMillis())).plan(eq(lead), eq(round), any());
        assertThat(engine.records().completedElements(engine.records().instancesOf(lead.toString()))).contains(element);
    }

    @Test
    void anMqlStartedOnceGoesThroughEveryStageToAWonDeal() {
        identifiedAs(new FitFacts("CEO", "telecom", 400, "LATAM", false, true, 0, null));
        sequencePlans(1, Channel.CALL, engine.now().plusHours(4), engine.now().minusMinutes(1));
        leadArrived("FORM_FILL", true);
        assertThatThrownBy(() -> leadArrived("FORM_FILL", true)).as("a retried start")
                .isInstanceOfSatisfying(ClientStatusException.class,
                        refused -> assertThat(refused.getStatusCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        long journey = startedJourney();

        ActivatedJob call = engine.awaitLeadTask(SequenceProcess.FIRST_CONTACT_TASK, lead.toString());
        assertThat(call.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-1");
        verify(schedule).plan(eq(lead), eq(1), any());
        engine.complete(call, Map.of("outcome", "meeting-booked", "notes", "Demo on Tuesday"));
        verify(outcomes, timeout(PATIENCE.toMillis())).recordExit(lead, "MEETING_BOOKED", List.of(1));

        engine.complete(engine.awaitLeadTask("Task_QualifyLead", lead.toString()),
                Map.of("decision", "sql", "goals", "Grow 20%", "budget", "Approved"));
        movedTo(LeadStage.SQL, "Sales accepted: GPCTBA answered");
        ActivatedJob proposal = proposal();
        assertThat(proposal.getVariablesAsMap())
                .containsEntry("caseStudyUrl", "https://leadflow.io/case-studies/andesnet-telecom");
        dealOutcome(proposal, Map.of("outcome", "won"));
        movedTo(LeadStage.OPPORTUNITY, "Proposal meeting held on 2027-03-02");

        engine.awaitPassed(Set.of(journey), "EndEvent_Won");
        movedTo(LeadStage.CUSTOMER, "Won");
        verify(processes, timeout(PATIENCE.toMillis())).ended(lead, journey);
        verify(processes, times(1)).started(eq(lead), anyLong());
        assertThat(engine.records().completedElements(Set.of(journey))).containsSubsequence("StartEvent_LeadArrived",
                "CallActivity_Identify", "CallActivity_Connect", "CallActivity_Explore", "CallActivity_Advise", "EndEvent_Won");
    }

    @Test
    void aDealToNurtureComesBackIntoANewSequenceOnItsDate() {
        journeyFrom("CallActivity_Advise", "country", "ES", "timeZone", "Europe/Madrid");
        String until = engine.now().toLocalDate().plusDays(3).toString();
        dealOutcome(proposal(), Map.of("outcome", "nurture", "nurtureUntil", until));
        movedTo(LeadStage.LEAD, "Nurture until " + until);
        verify(nurtures, timeout(PATIENCE.toMillis())).entered(eq(lead), anyLong(), eq(LocalDate.parse(until)));
        engine.awaitLeadAtRest(lead.toString());

        engine.advanceClock(Duration.ofDays(4));
        backToMqlInANewSequence("Task_BackToMql", "Nurture date " + until + " reached", 2);
    }

    @Test
    void aReplyTakesItsIntentToExplore() {
        repliedInItsSequence(Map.of("exitReason", "REPLIED", "replyIntent", "NOT_NOW"));
        assertThat(engine.awaitLeadTask("Task_QualifyLead", lead.toString()).getVariablesAsMap())
                .containsEntry("replyIntent", "NOT_NOW");
    }

    @Test
    void aReplySayingNotNowUntilADayNurturesTheLeadUntilThenWithoutAskingTheRep() {
        String until = engine.now().toLocalDate().plusDays(5).toString();
        repliedInItsSequence(Map.of("exitReason", "REPLIED", "replyIntent", "NOT_NOW", "nurtureUntil", until));
        movedTo(LeadStage.LEAD, "Recycled to nurture: the reply says not now, until " + until);
        engine.awaitLeadAtRest(lead.toString());
        assertThat(engine.records().completedElements(engine.records().instancesOf(lead.toString())))
                .contains("Task_NotNow").doesNotContain("Task_QualifyLead");

        engine.advanceClock(Duration.ofDays(6));
        backToMqlInANewSequence("Task_BackToMql", "Nurture date " + until + " reached", 3);
    }

    @Test
    void aNurturedLeadComesBackToMqlInANewSequenceOnASign() {
        journeyFrom("CallActivity_Nurture");
        verify(nurtures, timeout(PATIENCE.toMillis())).entered(eq(lead), anyLong(), isNull());
        engine.awaitLeadAtRest(lead.toString());

        engine.publish(NurtureProcess.LEAD_ENGAGED, lead.toString(),
                Map.of("engagement", "Link clicked: https://leadflow.io/guides/roi"));
        backToMqlInANewSequence("Task_BackToMqlOnSign", "Back from nurture: Link clicked: https://leadflow.io/guides/roi", 2);
    }

    @Test
    void aLeadThatSaysNotNowIsNurturedUntilItsDateAndComesBackSoonerOnANewFormFill() {
        qualifiedAsNotNowUntil(engine.now().toLocalDate().plusDays(30).toString());
        engine.publish(NurtureProcess.LEAD_ENGAGED, lead.toString(), Map.of("engagement", "New form fill: ebook"));
        backToMqlInANewSequence("Task_BackToMqlOnSign", "Back from nurture: New form fill: ebook", 2);
    }

    @Test
    void aLeadThatSaysNotNowComesBackOnItsDate() {
        String until = engine.now().toLocalDate().plusDays(3).toString();
        qualifiedAsNotNowUntil(until);
        engine.advanceClock(Duration.ofDays(4));
        backToMqlInANewSequence("Task_BackToMql", "Nurture date " + until + " reached", 2);
    }

    @Test
    void aReplySayingNotInterestedIsRecycledWithItsReasonAndASignInNurtureBringsTheLeadBack() {
        journeyFrom("CallActivity_Explore", "replyIntent", "NOT_INTERESTED");
        movedTo(LeadStage.LEAD, "Recycled to nurture: the reply says not interested");
        verify(nurtures, timeout(PATIENCE.toMillis())).entered(eq(lead), anyLong(), isNull());
        engine.awaitLeadAtRest(lead.toString());

        engine.publish(NurtureProcess.LEAD_ENGAGED, lead.toString(), Map.of("engagement", "Replied (INTERESTED)"));
        backToMqlInANewSequence("Task_BackToMqlOnSign", "Back from nurture: Replied (INTERESTED)", 2);
    }

    @Test
    void aTriggerEventsContactFoundBecomesALeadOfItsOwnAndTheJourneyEnds() {
        identifiedAs(new FitFacts("OTHER", null, null, "LATAM", false, false, 0, null));
        ContactLeads.Contact found = new ContactLeads.Contact("Valeria", "Soto", "valeria@telcomex.mx", "CEO");
        when(contacts.receive(lead, found)).thenReturn(UUID.randomUUID());
        leadArrived("TRIGGER_EVENT", false);
        long journey = startedJourney();

        engine.complete(engine.awaitLeadTask("Task_ResearchContacts", lead.toString()), Map.of("contactFirstName", "Valeria",
                "contactLastName", "Soto", "contactEmail", "valeria@telcomex.mx", "contactJobTitle", "CEO"));
        engine.awaitPassed(Set.of(journey), "EndEvent_ContactsResearched");
        verify(contacts).receive(lead, found);
        verify(processes, timeout(PATIENCE.toMillis())).ended(lead, journey);
        assertThat(engine.records().variable(journey, "qualification")).isNull();
    }
}
