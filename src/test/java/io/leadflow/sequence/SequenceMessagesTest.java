package io.leadflow.sequence;

import io.leadflow.email.ReplyIntent;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.process.JourneyProcess;
import io.leadflow.process.NurtureProcess;
import io.leadflow.process.SequenceProcess;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService.RepTaskClosed;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** What the sequence tells a lead's process arrives as the message its model waits for, with the variables it reads. */
class SequenceMessagesTest {

    private static final UUID LEAD = UUID.fromString("5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a");

    private final ProcessEngine engine = mock(ProcessEngine.class);
    private final SequenceMessages messages = new SequenceMessages(engine);

    @Test
    void eachExitEndsTheSequenceByTheOneMessageWithItsReason() {
        for (SequenceExits.Exit exit : SequenceExits.Exit.values()) {
            messages.sequenceEnded(LEAD, exit);
            verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(), new SequenceProcess.Exit(exit.name()));
        }
    }

    @Test
    void aReplyTellsWhatItMeansWhoToTalkToAndTheDayToComeBack() {
        messages.replied(LEAD, ReplyIntent.NOT_NOW, "maria@acme.com", LocalDate.of(2027, 3, 1));
        messages.replied(LEAD, ReplyIntent.INTERESTED, null, null);

        verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(),
                new SequenceProcess.ReplyExit("REPLIED", "NOT_NOW", "maria@acme.com", "2027-03-01"));
        verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(),
                new SequenceProcess.ReplyExit("REPLIED", "INTERESTED", null, null));
    }

    @Test
    void aSignEndsTheNurture() {
        messages.engaged(LEAD, "Re-enrolled by ana");

        verify(engine).publishMessage(NurtureProcess.LEAD_ENGAGED, LEAD.toString(), new NurtureProcess.Engaged("Re-enrolled by ana"));
    }

    @Test
    void aChangedPlanIsReadAgain() {
        messages.rescheduled(LEAD);

        verify(engine).publishMessage(SequenceProcess.SEQUENCE_RESCHEDULED, LEAD.toString(), Map.of());
    }

    @Test
    void aNewNurtureDateGoesOnlyToTheNurtureWaitingNow() {
        messages.nurtureDateChanged(LEAD, LocalDate.of(2027, 5, 3));

        verify(engine).publishMessageToWaiting(JourneyProcess.NURTURE_DATE_CHANGED, LEAD.toString(),
                new JourneyProcess.NurtureDateChanged("2027-05-03"));
    }

    @Test
    void onlyTheFirstContactsClosingIsTold() {
        messages.firstContactClosed(new RepTaskClosed(LEAD, 3, "Task_SocialTouch", RepTask.Status.COMPLETED, Map.of()));
        verifyNoInteractions(engine);

        messages.firstContactClosed(new RepTaskClosed(LEAD, 1, SequenceProcess.FIRST_CONTACT_TASK, RepTask.Status.CANCELLED, Map.of()));
        verify(engine).publishMessage(any(), any(), any());
        verify(engine).publishMessage(SequenceProcess.FIRST_CONTACT_CLOSED, LEAD.toString(),
                new SequenceProcess.FirstContactClosed("CANCELLED"));
    }
}
