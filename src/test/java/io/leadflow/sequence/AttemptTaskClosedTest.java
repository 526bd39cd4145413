package io.leadflow.sequence;

import io.leadflow.assignment.FirstAttemptSla;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.BogotaLead;
import io.leadflow.lead.Leads;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService.RepTaskClosed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Which closed tasks count for the first-attempt SLA and what a touch records, past what {@link SequenceModuleTest}
 * shows: only the model's first contact made by its due meets the SLA; a social touch records its action; a task of no
 * attempt is no touch.
 */
class AttemptTaskClosedTest {

    private static final UUID LEAD = UUID.fromString("6f1c1a52-0c8e-4b8e-9d7e-3c2f0a4b5d61");
    private static final Instant NOW = Instant.parse("2027-03-01T16:00:00Z");
    private static final Instant PLANNED = NOW.minus(Duration.ofHours(3));

    private final Leads leads = mock(Leads.class);
    private final SequenceAttemptRepository attempts = mock(SequenceAttemptRepository.class);
    private final BusinessHoursCalendar calendar = mock(BusinessHoursCalendar.class);
    private final FirstAttemptSla sla = mock(FirstAttemptSla.class);
    private final AttemptTaskClosedListener listener = new AttemptTaskClosedListener(
            new AttemptTouches(leads, attempts, calendar, sla, Clock.fixed(NOW, ZoneOffset.UTC)));

    @BeforeEach
    void theLeadHasPlannedItsFirstCall() {
        when(leads.get(LEAD)).thenReturn(BogotaLead.withId(LEAD));
        when(calendar.workingTimeBetween(PLANNED, NOW, "CO", BogotaLead.ZONE)).thenReturn(Duration.ofMinutes(90));
    }

    @Test
    void aFirstContactMadeLateOrAnotherCallMadeInTimeMeetsNoSla() {
        firstCallDue(NOW.minus(Duration.ofHours(1)));
        listener.attemptTaskClosed(completed(SequenceProcess.FIRST_CONTACT_TASK, Map.of("outcome", "no-answer")));
        firstCallDue(NOW.plus(Duration.ofHours(1)));
        listener.attemptTaskClosed(completed("Task_FollowUpCall", Map.of("outcome", "no-answer")));

        verify(attempts, times(2)).made(LEAD, 1, "no-answer", NOW, 1.5);
        verify(sla, never()).met();
    }

    @Test
    void aSocialTouchRecordsItsAction() {
        firstCallDue(NOW.plus(Duration.ofHours(1)));

        listener.attemptTaskClosed(completed("Task_SocialTouch", Map.of("action", "sent-connection-request")));

        verify(attempts).made(LEAD, 1, "sent-connection-request", NOW, 1.5);
    }

    @Test
    void aTaskOfNoAttemptIsNotATouch() {
        listener.attemptTaskClosed(new RepTaskClosed(LEAD, null, "Task_QualifyLead", RepTask.Status.COMPLETED, Map.of()));

        verifyNoInteractions(attempts, sla);
    }

    private void firstCallDue(Instant due) {
        when(attempts.of(LEAD)).thenReturn(List.of(new SequenceAttempt(1, Channel.CALL, PLANNED, due,
                SequenceAttempt.Status.PLANNED, null)));
    }

    private static RepTaskClosed completed(String elementId, Map<String, Object> result) {
        return new RepTaskClosed(LEAD, 1, elementId, RepTask.Status.COMPLETED, result);
    }
}
