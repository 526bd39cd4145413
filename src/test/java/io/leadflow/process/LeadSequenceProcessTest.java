package io.leadflow.process;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.leadflow.assignment.SlaEscalation;
import io.leadflow.scoring.Rejections;
import io.leadflow.scoring.Routings;
import io.leadflow.sequence.AttemptOpening;
import io.leadflow.sequence.AttemptWindow;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.EmailMoment;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceEmails;
import io.leadflow.sequence.SequenceOutcomes;
import io.leadflow.sequence.SequenceSchedule;
import io.leadflow.tasklist.RepTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.leadflow.process.ProcessTestEngine.PATIENCE;
import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * lead-sequence, path by path, with its real workers: the attempts at their time in the lead's working time, the calls
 * and their follow-ups, the exits, and a first call not made in time going to the manager.
 */
@ProcessTest
class LeadSequenceProcessTest {

    @Autowired
    ProcessTestEngine engine;
    static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
    /** Why the task list closes a first call the engine gave up. */
    static final String CALL_NOT_MADE = "the call was not made before the next attempt was due";

    @Autowired
    SequenceEmails emails;
    @Autowired
    SequenceOutcomes outcomes;
    @Autowired
    SequenceSchedule schedule;
    @Autowired
    SlaEscalation escalation;
    @Autowired
    RepTaskService tasks;
    @Autowired
    Rejections rejections;
    @Autowired
    Routings routings;

    final UUID lead = UUID.randomUUID();
    /** The attempts the plan made, by step. */
    final Map<Integer, AttemptWindow> planned = new ConcurrentHashMap<>();
    /** When each attempt opens, read again each time the model asks (a pause or the lead's working time moves it). */
    final Map<Integer, ZonedDateTime> opensAt = new ConcurrentHashMap<>();

    @BeforeEach
    void theServicesAnswerFromThePlan() {
        // As stored: an attempt is planned at the moment it opens (a first call or social touch opens at once anyway).
        when(schedule.plan(eq(lead), anyInt(), any())).thenAnswer(call -> planned.values().stream().map(attempt ->
                new AttemptWindow(attempt.step(), attempt.channel(), opensAt.getOrDefault(attempt.step(), attempt.at()),
                        attempt.due(), attempt.sameDayEnd(), attempt.closeAt(), attempt.opensAtOnce())).toList());
        when(schedule.attemptTime(eq(lead), anyInt(), anyInt())).thenAnswer(call -> {
            AttemptWindow attempt = planned.get(call.<Integer>getArgument(2));
            ZonedDateTime at = opensAt.getOrDefault(attempt.step(), attempt.due());
            return new AttemptOpening(attempt, at, !at.toInstant().isAfter(engine.clock().instant()));
        });
        when(escalation.escalate(eq(lead), any(), anyInt(), any(), anyInt())).thenReturn("marta");
    }

    long startSequence() {
        return engine.start(SequenceProcess.ID, vars("leadId", lead.toString(), "leadType", "REFERRAL", "owner", "rep-2",
                "country", "MX", "timeZone", MEXICO.getId(), "language", "es", "persona", "executive"));
    }

    void plan(int step, Channel channel, OffsetDateTime due, OffsetDateTime sameDayEnd, OffsetDateTime closeAt) {
        ZonedDateTime dueThere = due.atZoneSameInstant(MEXICO);
        planned.put(step, new AttemptWindow(step, channel, dueThere, dueThere, sameDayEnd.atZoneSameInstant(MEXICO),
                closeAt.atZoneSameInstant(MEXICO), new PlannedAttempt(step, channel, dueThere, dueThere).opensAtOnce(step == 1)));
    }

    /** A sequence planned as a first call due in 4 hours and an email two days later; returns its first call, open now. */
    ActivatedJob startAtItsFirstCall() {
        OffsetDateTime now = engine.now();
        plan(1, Channel.CALL, now.plusHours(4), now.plusHours(6), now.plusDays(2));
        plan(2, Channel.EMAIL, now.plusDays(2).plusHours(2), now.plusDays(2).plusHours(8), now.plusDays(2).plusHours(2));
        opensAt.put(2, now.plusDays(2).atZoneSameInstant(MEXICO));
        return engine.awaitTask(SequenceProcess.FIRST_CONTACT_TASK, startSequence());
    }

    /** The first call's {@code escalation}th breach goes to marta; returns her task. */
    ActivatedJob managerDecides(long instance, int escalation) {
        verify(this.escalation, timeout(PATIENCE.toMillis())).escalate(eq(lead), eq(SlaEscalation.Breach.FIRST_ATTEMPT),
                anyInt(), any(), eq(escalation));
        ActivatedJob breach = engine.awaitTask("Task_SlaBreach", instance);
        assertThat(breach.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "marta")
                .containsKey("io.camunda.zeebe:dueDate");
        assertThat(breach.getVariablesAsMap().get("attempt")).as("the manager's decision is no attempt of the lead").isNull();
        return breach;
    }

    ZonedDateTime inFourHours() {
        return engine.now().plusHours(4).atZoneSameInstant(MEXICO);
    }

    /** Moves the clock past {@code openAt}: the attempt, read again then, is open and its email goes. */
    void emailWhenItsTimeComes(long instance, OffsetDateTime openAt) {
        engine.advanceClock(Duration.between(engine.now(), openAt.plusSeconds(1)));
        verify(emails, timeout(PATIENCE.toMillis())).sendEmail(lead, 1, 2, false);
        engine.awaitPassed(Set.of(instance), "Task_SendSequenceEmail");
    }

    @Test
    void aFirstCallNotMadeWithinTheSlaGoesToTheManagerWhileTheCallStaysOpenUntilTheNextAttempt() {
        ActivatedJob call = startAtItsFirstCall();
        long instance = call.getProcessInstanceKey();

        engine.advanceClock(Duration.ofHours(5));
        ActivatedJob breach = managerDecides(instance, 1);
        when(escalation.reassign(lead, "rep-2")).thenReturn(new SlaEscalation.Reassignment("rep-3", inFourHours()));
        engine.complete(breach, Map.of("slaDecision", "reassign"));
        verify(escalation, timeout(PATIENCE.toMillis())).reassign(lead, "rep-2");

        // The call is still open; once made, its content goes and the sequence ends with the new owner.
        engine.complete(call, Map.of("outcome", "connected"));
        verify(emails, timeout(PATIENCE.toMillis())).sendConnectedCallFollowUp(lead, 1, 1);
        verify(outcomes, timeout(PATIENCE.toMillis())).recordExit(eq(lead), anyString(), any());
        assertThat(engine.records().variable(instance, "owner")).isEqualTo("rep-3");
    }

    /**
     * The manager's decision on a late first call belongs to no attempt, however far the sequence has gone when its task
     * is handed out (late, on a busy machine). The engine also writes an attempt read again unchanged at the sequence's
     * level (camunda/camunda#19441): the task carried the step of the attempt the sequence had reached, so the lead had
     * two tasks of its third attempt, and withdrawing the manager's one skipped the rep's open call.
     */
    @Test
    void theManagersDecisionBelongsToNoAttemptWhicheverAttemptTheSequenceHasReached() {
        OffsetDateTime now = engine.now();
        plan(1, Channel.CALL, now.plusHours(4), now.plusHours(6), now.plusDays(1));
        plan(2, Channel.EMAIL, now.plusDays(1), now.plusDays(1).plusHours(8), now.plusDays(1));
        plan(3, Channel.CALL, now.plusDays(3), now.plusDays(3).plusHours(8), now.plusDays(4));
        // The third call opens a day before its due: opened at its due, its window would pass as it opens, and the
        // window's timer would end the task a few hundred milliseconds later, before a wait on a busy machine took it.
        OffsetDateTime thirdCallOpens = now.plusDays(2);
        opensAt.put(3, thirdCallOpens.atZoneSameInstant(MEXICO));
        long instance = startSequence();
        engine.awaitTask(SequenceProcess.FIRST_CONTACT_TASK, instance);

        engine.advanceClock(Duration.ofHours(4).plusMinutes(1));
        verify(escalation, timeout(PATIENCE.toMillis())).escalate(eq(lead), eq(SlaEscalation.Breach.FIRST_ATTEMPT), anyInt(),
                isNull(), eq(1));
        engine.awaitAtRest(instance);
        // The first call is given up, the email goes and the third attempt waits for its time; only then is the
        // manager's task handed out.
        engine.advanceClock(Duration.between(engine.now(), now.plusDays(1).plusMinutes(1)));
        verify(emails, timeout(PATIENCE.toMillis())).sendEmail(lead, 1, 2, false);
        engine.awaitPassed(Set.of(instance), "Task_SendSequenceEmail");
        engine.awaitAtRest(instance);
        assertThat(engine.awaitTask("Task_SlaBreach", instance).getVariablesAsMap()).containsEntry("attempt", null);

        engine.advanceClock(Duration.between(engine.now(), thirdCallOpens.plusMinutes(1)));
        assertThat(engine.awaitTask("Task_FollowUpCall", instance).getVariablesAsType(SequenceProcess.Variables.class)
                .attempt().step()).isEqualTo(3);
    }

    @Test
    void aKeptBreachIsReArmedAndAMissOfTheNewDueEscalatesAgainUntilTheRepActs() {
        long instance = startAtItsFirstCall().getProcessInstanceKey();
        engine.advanceClock(Duration.ofHours(4).plusMinutes(1));
        ActivatedJob breach = managerDecides(instance, 1);
        when(escalation.keep(lead)).thenReturn(inFourHours());
        engine.complete(breach, Map.of("slaDecision", "keep"));
        verify(escalation, timeout(PATIENCE.toMillis())).keep(lead);

        engine.advanceClock(Duration.ofHours(4).minusMinutes(1));
        engine.awaitAtRest(instance);
        verify(tasks, never().description("nothing before the new due")).isOpen(eq(lead), anyString());
        when(tasks.isOpen(lead, SequenceProcess.FIRST_CONTACT_TASK)).thenReturn(true);
        engine.advanceClock(Duration.ofMinutes(2));
        ActivatedJob secondBreach = managerDecides(instance, 2);

        // The rep calls before the manager decides again: the decision is withdrawn, saying why.
        engine.publish("first-contact-closed", lead.toString(), Map.of("firstContactClosed", "COMPLETED"));
        verify(tasks, timeout(PATIENCE.toMillis())).withdraw(lead, "Task_SlaBreach",
                "the rep made the first contact before the manager decided");
        engine.awaitPassed(Set.of(instance), "Task_WithdrawSlaDecision");
        assertThatThrownBy(() -> engine.complete(secondBreach, Map.of("slaDecision", "keep")))
                .as("the manager's task is gone from the engine").hasMessageContaining("NOT_FOUND");
    }

    @Test
    void aReassignedLeadsNewDueEscalatesNothingOnceTheFirstContactClosed() {
        long instance = startAtItsFirstCall().getProcessInstanceKey();
        engine.advanceClock(Duration.ofHours(4).plusMinutes(1));
        when(escalation.reassign(lead, "rep-2")).thenReturn(new SlaEscalation.Reassignment("rep-3", inFourHours()));
        engine.complete(managerDecides(instance, 1), Map.of("slaDecision", "reassign"));
        verify(escalation, timeout(PATIENCE.toMillis())).reassign(lead, "rep-2");

        // The call was given up at the very moment its new due passed: the check finds it closed.
        engine.advanceClock(Duration.ofHours(4).plusMinutes(1));
        verify(tasks, timeout(PATIENCE.toMillis())).isOpen(lead, SequenceProcess.FIRST_CONTACT_TASK);
        engine.awaitAtRest(instance);
        verify(escalation, times(1)).escalate(eq(lead), any(), anyInt(), any(), anyInt());
    }

    @Test
    void aFirstContactMadeAfterTheManagerKeptTheLeadStopsTheReArmedSla() {
        long instance = startAtItsFirstCall().getProcessInstanceKey();
        engine.advanceClock(Duration.ofHours(4).plusMinutes(1));
        when(escalation.keep(lead)).thenReturn(inFourHours());
        engine.complete(managerDecides(instance, 1), Map.of("slaDecision", "keep"));
        verify(escalation, timeout(PATIENCE.toMillis())).keep(lead);
        engine.awaitAtRest(instance);

        engine.publish("first-contact-closed", lead.toString(), Map.of("firstContactClosed", "COMPLETED"));
        engine.advanceClock(Duration.ofHours(4).plusMinutes(1));
        engine.awaitAtRest(instance);
        verify(tasks, never()).isOpen(eq(lead), anyString());
        verify(escalation, times(1)).escalate(eq(lead), any(), anyInt(), any(), anyInt());
    }

    @Test
    void aFirstCallNeverMadeIsGivenUpWhenTheNextAttemptIsDue() {
        long instance = startAtItsFirstCall().getProcessInstanceKey();
        engine.advanceClock(Duration.ofDays(2).plusMinutes(1));
        verify(emails, timeout(PATIENCE.toMillis())).sendEmail(lead, 1, 2, false);
        verify(tasks, timeout(PATIENCE.toMillis())).withdraw(lead, SequenceProcess.FIRST_CONTACT_TASK, CALL_NOT_MADE);
        assertThat(engine.records().completedElements(Set.of(instance))).doesNotContain(SequenceProcess.FIRST_CONTACT_TASK);
    }

    /** One jump of the clock past the first call's due and its close: escalated once, given up, the email goes. */
    @Test
    void aFirstCallPastItsSlaAndItsCloseInOneJumpIsEscalatedGivenUpAndTheNextAttemptGoes() {
        long instance = startAtItsFirstCall().getProcessInstanceKey();
        engine.awaitAtRest(instance);

        engine.advanceClock(Duration.ofDays(3));
        verify(emails, timeout(PATIENCE.toMillis())).sendEmail(lead, 1, 2, false);
        verify(escalation, timeout(PATIENCE.toMillis())).escalate(eq(lead), eq(SlaEscalation.Breach.FIRST_ATTEMPT),
                anyInt(), any(), eq(1));
        verify(tasks, timeout(PATIENCE.toMillis())).withdraw(lead, SequenceProcess.FIRST_CONTACT_TASK, CALL_NOT_MADE);
        engine.awaitAtRest(instance);
        assertThat(engine.records().completedElements(Set.of(instance))).doesNotContain(SequenceProcess.FIRST_CONTACT_TASK);
        verify(escalation, times(1)).escalate(eq(lead), any(), anyInt(), any(), anyInt());
    }

    /**
     * The manager kept the lead late: the call's new due lies past its close. Given up at its close, it is withdrawn from
     * the task list then, not at its new due; the re-armed SLA stops waiting once the task list says it closed.
     */
    @Test
    void aKeptFirstCallWhoseNewDueLiesPastItsCloseIsWithdrawnAtItsClose() {
        long instance = startAtItsFirstCall().getProcessInstanceKey();
        engine.advanceClock(Duration.ofDays(2).minusHours(1));
        when(escalation.keep(lead)).thenReturn(inFourHours());
        engine.complete(managerDecides(instance, 1), Map.of("slaDecision", "keep"));
        verify(escalation, timeout(PATIENCE.toMillis())).keep(lead);
        engine.awaitAtRest(instance);
        verify(tasks, never().description("nothing withdrawn before the close")).withdraw(eq(lead), anyString(), anyString());

        engine.advanceClock(Duration.ofHours(1).plusMinutes(1));
        verify(tasks, timeout(PATIENCE.toMillis())).withdraw(lead, SequenceProcess.FIRST_CONTACT_TASK, CALL_NOT_MADE);
        verify(emails, timeout(PATIENCE.toMillis())).sendEmail(lead, 1, 2, false);
        engine.publish("first-contact-closed", lead.toString(), Map.of("firstContactClosed", "CANCELLED"));
        engine.awaitPassed(Set.of(instance), "EndEvent_SlaSettled");

        engine.advanceClock(Duration.ofHours(4));
        engine.awaitAtRest(instance);
        verify(tasks, never().description("the settled SLA asks nothing at the new due")).isOpen(eq(lead), anyString());
        verify(escalation, times(1)).escalate(eq(lead), any(), anyInt(), any(), anyInt());
    }

    @Test
    void aLeadRejectedAtFirstContactLeavesTheSequenceWithItsReason() {
        ActivatedJob call = startAtItsFirstCall();
        long instance = call.getProcessInstanceKey();
        engine.complete(call, Map.of("outcome", "rejected", "rejectionReason", "other", "rejectionOther", "Moved abroad"));

        verify(outcomes, timeout(PATIENCE.toMillis())).recordExit(eq(lead), eq("REJECTED"), any());
        verify(rejections, timeout(PATIENCE.toMillis())).reject(eq(lead), eq(instance), eq("other"), eq("Moved abroad"),
                eq("rep-2"), anyString());
        engine.awaitPassed(Set.of(instance), "Task_RejectLead");
        assertThat(engine.records().completedElements(Set.of(instance)))
                .containsSubsequence("Task_FirstContact", "Task_RecordRejectedExit", "Task_RejectLead");
    }

    @Test
    void unansweredCallsAreFollowedUpAndTheLeadIsRecycledAfterTheLastAttempt() {
        OffsetDateTime now = engine.now();
        plan(3, Channel.CALL, now.plusHours(2), now.plusHours(8), now.plusDays(2));
        opensAt.put(3, now.minusMinutes(1).atZoneSameInstant(MEXICO));
        // Outside the lead's working time at first; the time came (perhaps late), read again, the email goes.
        when(schedule.followUpTime(lead, 1, 3)).thenReturn(new EmailMoment(now.plusHours(12).atZoneSameInstant(MEXICO), false),
                new EmailMoment(now.plusHours(13).atZoneSameInstant(MEXICO), true));
        long instance = startSequence();

        engine.complete(engine.awaitTask("Task_FollowUpCall", instance), Map.of("outcome", "no-answer"));
        ActivatedJob social = engine.awaitTask("Task_SocialAfterCall", instance);
        // The follow-up's time is read first (the path below checks it), then the rep records the social touch.
        engine.awaitPassed(Set.of(instance), "Task_FindFollowUpTime");
        engine.complete(social, Map.of("action", "sent-connection-request"));
        engine.awaitAtRest(instance);
        verify(emails, never().description("no email before the lead's working time"))
                .sendEmail(eq(lead), anyInt(), anyInt(), anyBoolean());

        engine.advanceClock(Duration.ofHours(13));
        verify(emails, timeout(PATIENCE.toMillis())).sendEmail(lead, 1, 3, true);
        verify(outcomes, timeout(PATIENCE.toMillis())).recycleToNurture(eq(lead), anyString());
        engine.awaitPassed(Set.of(instance), "Task_RecycleToNurture");
        assertThat(engine.records().completedElements(Set.of(instance))).containsSubsequence("Task_FollowUpCall",
                "Task_FindFollowUpTime", "Task_SocialAfterCall", "Task_FindFollowUpTime", "Task_SendFollowUpEmail",
                "Task_RecycleToNurture");
        assertThat(engine.records().variable(instance, "lastSocialAction")).isEqualTo("sent-connection-request");
    }

    /** Every exit ends the sequence by the one message, its reason recorded, told to the journey and choosing the end. */
    @ParameterizedTest
    @CsvSource({"REPLIED, EndEvent_ExitReadyForExplore", "MEETING_BOOKED, EndEvent_ExitReadyForExplore",
            "UNSUBSCRIBED, EndEvent_ExitSequenceEnded", "BOUNCED, EndEvent_ExitSequenceEnded", "STOPPED, EndEvent_ExitSequenceEnded"})
    void anExitEndsTheSequenceThroughItsEventSubProcess(String reason, String end) {
        OffsetDateTime now = engine.now();
        plan(2, Channel.EMAIL, now.plusDays(2).plusHours(2), now.plusDays(2).plusHours(8), now.plusDays(3));
        long instance = startSequence();
        engine.awaitPassed(Set.of(instance), "Gateway_AttemptOpen");
        engine.awaitAtRest(instance);

        engine.publish(SequenceProcess.SEQUENCE_EXIT, lead.toString(), Map.of("exitReason", reason));
        verify(outcomes, timeout(PATIENCE.toMillis())).recordExit(eq(lead), eq(reason), any());
        engine.awaitPassed(Set.of(instance), end);
        assertThat(engine.records().variable(instance, "sequenceExit")).isEqualTo(reason);
        verify(emails, never()).sendEmail(eq(lead), anyInt(), anyInt(), anyBoolean());
    }

    /** A pause moves the lead's plan: the attempt waiting for its time reads it again and waits for the new one. */
    @Test
    void aRescheduledSequenceMovesTheWaitOfTheAttempt() {
        OffsetDateTime now = engine.now();
        plan(2, Channel.EMAIL, now.plusDays(2).plusHours(2), now.plusDays(2).plusHours(8), now.plusDays(3));
        OffsetDateTime plannedAt = now.plusDays(2);
        OffsetDateTime afterThePause = now.plusDays(5);
        opensAt.put(2, plannedAt.atZoneSameInstant(MEXICO));
        long instance = startSequence();
        engine.awaitPassed(Set.of(instance), "Gateway_AttemptOpen");
        engine.awaitAtRest(instance);

        opensAt.put(2, afterThePause.atZoneSameInstant(MEXICO));
        engine.publish("sequence-rescheduled", lead.toString(), Map.of());
        verify(schedule, timeout(PATIENCE.toMillis())).attemptTime(lead, 1, 2);
        engine.awaitAtRest(instance);

        engine.advanceClock(Duration.between(engine.now(), plannedAt.plusHours(1)));
        engine.awaitAtRest(instance);
        verify(emails, never().description("no email at the time planned before the pause"))
                .sendEmail(eq(lead), anyInt(), anyInt(), anyBoolean());
        emailWhenItsTimeComes(instance, afterThePause);
    }

    /**
     * The attempt's time came late, outside the lead's working time (leadflow was stopped, the clock jumped): read again,
     * it opens at the lead's next working moment, and nothing is sent before.
     */
    @Test
    void anAttemptWhoseTimeCameOutsideWorkingTimeWaitsForTheNextWorkingMoment() {
        OffsetDateTime now = engine.now();
        plan(2, Channel.EMAIL, now.plusHours(2), now.plusHours(2), now.plusDays(1));
        opensAt.put(2, now.plusSeconds(30).atZoneSameInstant(MEXICO));
        long instance = startSequence();
        engine.awaitPassed(Set.of(instance), "Gateway_AttemptOpen");
        engine.awaitAtRest(instance);

        OffsetDateTime nextWorkingMoment = engine.now().plusMinutes(2);
        opensAt.put(2, nextWorkingMoment.atZoneSameInstant(MEXICO));
        engine.advanceClock(Duration.ofMinutes(1));
        verify(schedule, timeout(PATIENCE.toMillis())).attemptTime(lead, 1, 2);
        engine.awaitAtRest(instance);
        verify(emails, never().description("no email outside the lead's working time"))
                .sendEmail(eq(lead), anyInt(), anyInt(), anyBoolean());
        emailWhenItsTimeComes(instance, nextWorkingMoment);
    }
}
