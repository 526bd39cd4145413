package io.leadflow.process;

import io.leadflow.sequence.EmailMoment;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.SequenceEmails;
import io.leadflow.sequence.SequenceSchedule;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.leadflow.process.ProcessTestEngine.PATIENCE;
import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * lead-nurture, path by path, with its real workers: the lead recorded in nurture, awareness content at the cadence in
 * the lead's working time, and a new sign ending it.
 */
@ProcessTest
class LeadNurtureProcessTest {

    static final Duration CADENCE = Duration.ofDays(14);

    @Autowired
    ProcessTestEngine engine;
    @Autowired
    SequenceEmails emails;
    @Autowired
    SequenceSchedule schedule;
    @Autowired
    Nurtures nurtures;

    final UUID lead = UUID.randomUUID();

    /** The lead's nurture, recorded and waiting for a sign or the cadence. */
    long nurtured() {
        long instance = engine.start(NurtureProcess.ID, vars("leadId", lead.toString(), "round", 2));
        verify(nurtures, timeout(PATIENCE.toMillis())).entered(eq(lead), eq(instance), isNull());
        engine.awaitAtRest(instance);
        return instance;
    }

    @Test
    void contentWhoseTimeIsNowGoesAtTheCadence() {
        when(schedule.nurtureTime(eq(lead), anyString())).thenAnswer(call ->
                new EmailMoment(engine.now().toZonedDateTime(), true));
        long instance = nurtured();
        verify(schedule, never().description("nothing before the cadence")).nurtureTime(eq(lead), anyString());

        engine.advanceClock(CADENCE.plusMinutes(1));
        ArgumentCaptor<String> day = ArgumentCaptor.forClass(String.class);
        verify(schedule, timeout(PATIENCE.toMillis())).nurtureTime(eq(lead), day.capture());
        assertThat(day.getValue()).as("the day names the content").matches("\\d{4}-\\d{2}-\\d{2}");
        verify(emails, timeout(PATIENCE.toMillis())).sendNurtureEmail(lead, 2, day.getValue());
        engine.awaitPassed(Set.of(instance), "EndEvent_ContentSent");
        assertThat(engine.records().completedElements(Set.of(instance))).containsSubsequence("Task_EnterNurture",
                "TimerEvent_Cadence", "Task_FindContentTime", "Gateway_ContentNow", "Task_SendContent", "EndEvent_ContentSent");
    }

    @Test
    void contentDueOutsideTheLeadsWorkingTimeWaitsForItsMomentThenItsTimeIsReadAgain() {
        OffsetDateTime workingMoment = engine.now().plus(CADENCE).plusHours(1);
        when(schedule.nurtureTime(eq(lead), anyString()))
                .thenReturn(new EmailMoment(workingMoment.toZonedDateTime(), false),
                        new EmailMoment(workingMoment.toZonedDateTime(), true));
        long instance = nurtured();

        engine.advanceClock(CADENCE.plusMinutes(1));
        ArgumentCaptor<String> day = ArgumentCaptor.forClass(String.class);
        verify(schedule, timeout(PATIENCE.toMillis())).nurtureTime(eq(lead), day.capture());
        engine.awaitAtRest(instance);
        verify(emails, never().description("nothing before the lead's working time"))
                .sendNurtureEmail(eq(lead), anyInt(), anyString());

        engine.advanceClock(Duration.between(engine.now(), workingMoment.plusSeconds(1)));
        verify(emails, timeout(PATIENCE.toMillis()).description("the same content, read again"))
                .sendNurtureEmail(lead, 2, day.getValue());
        verify(schedule, timeout(PATIENCE.toMillis()).times(2)).nurtureTime(lead, day.getValue());
        engine.awaitPassed(Set.of(instance), "EndEvent_ContentSent");
        assertThat(engine.records().completedElements(Set.of(instance))).containsSubsequence("Task_FindContentTime",
                "TimerEvent_ContentTime", "Task_FindContentTime", "Task_SendContent");
    }

    @Test
    void aNewSignEndsTheNurtureWithItsEngagementAndNoMoreContent() {
        long instance = nurtured();
        engine.publish(NurtureProcess.LEAD_ENGAGED, lead.toString(),
                Map.of("engagement", "Link clicked: https://leadflow.io/guides/roi"));

        engine.awaitPassed(Set.of(instance), "EndEvent_Engaged");
        assertThat(engine.records().variable(instance, "engagement")).isEqualTo("Link clicked: https://leadflow.io/guides/roi");
        engine.advanceClock(CADENCE.plusMinutes(1));
        engine.awaitAtRest(instance);
        verify(schedule, never()).nurtureTime(eq(lead), anyString());
    }
}
