package io.leadflow.sequence;

import io.leadflow.assignment.FirstAttemptSla;
import io.leadflow.calendar.BusinessHoursCalendar;
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

import static io.leadflow.sequence.LeadInBogota.BOGOTA;
import static io.leadflow.sequence.LeadInBogota.LEAD;
import static io.leadflow.sequence.LeadInBogota.NOW;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * A rep's task of an attempt closing, as the sequence records it: the touch made with its outcome and the working hours
 * it took, the first-attempt SLA met by the model's first contact done by its due, the attempt skipped when the task was
 * not done.
 */
class AttemptTaskClosedTest {

    private static final String FOLLOW_UP_CALL = "Task_FollowUpCall";

    private final Leads leads = mock(Leads.class);
    private final SequenceAttemptRepository attempts = mock(SequenceAttemptRepository.class);
    private final BusinessHoursCalendar calendar = mock(BusinessHoursCalendar.class);
    private final FirstAttemptSla sla = mock(FirstAttemptSla.class);
    private final AttemptTaskClosedListener listener = new AttemptTaskClosedListener(
            new AttemptTouches(leads, attempts, calendar, sla, Clock.fixed(NOW, ZoneOffset.UTC)));

    @BeforeEach
    void theLeadHasPlannedItsFirstCall() {
        LeadInBogota.isKnownTo(leads);
        when(calendar.workingTimeBetween(NOW.minus(Duration.ofHours(3)), NOW, "CO", BOGOTA)).thenReturn(Duration.ofMinutes(90));
    }

    @Test
    void theFirstContactMadeByItsDueMeetsTheSla() {
        firstCallDue(NOW.plus(Duration.ofHours(1)));

        listener.attemptTaskClosed(completed(SequenceProcess.FIRST_CONTACT_TASK, Map.of("outcome", "connected")));

        verify(attempts).made(LEAD, 1, "connected", NOW, 1.5);
        verify(sla).met();
    }

    @Test
    void aFirstContactMadeLateOrAnotherCallInTimeMeetsNoSla() {
        firstCallDue(NOW.minus(Duration.ofHours(1)));
        listener.attemptTaskClosed(completed(SequenceProcess.FIRST_CONTACT_TASK, Map.of("outcome", "no-answer")));
        firstCallDue(NOW.plus(Duration.ofHours(1)));
        listener.attemptTaskClosed(completed(FOLLOW_UP_CALL, Map.of("outcome", "no-answer")));

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
    void aTaskNotDoneSkipsItsAttempt() {
        listener.attemptTaskClosed(new RepTaskClosed(LEAD, 1, SequenceProcess.FIRST_CONTACT_TASK, RepTask.Status.CANCELLED, Map.of()));

        verify(attempts).update(LEAD, 1, SequenceAttempt.Status.SKIPPED, "not-done", NOW);
        verify(attempts, never()).made(any(), anyInt(), any(), any(), anyDouble());
        verifyNoInteractions(sla);
    }

    @Test
    void aTaskOfNoAttemptIsNotATouch() {
        listener.attemptTaskClosed(new RepTaskClosed(LEAD, null, "Task_QualifyLead", RepTask.Status.COMPLETED, Map.of()));

        verifyNoInteractions(attempts, sla);
    }

    private void firstCallDue(Instant due) {
        when(attempts.of(LEAD)).thenReturn(List.of(new SequenceAttempt(1, Channel.CALL, NOW.minus(Duration.ofHours(3)), due,
                SequenceAttempt.Status.PLANNED, null)));
    }

    private static RepTaskClosed completed(String elementId, Map<String, Object> result) {
        return new RepTaskClosed(LEAD, 1, elementId, RepTask.Status.COMPLETED, result);
    }
}
