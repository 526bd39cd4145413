package io.leadflow.sequence;

import io.leadflow.email.InboundMail;
import io.leadflow.email.ReplyIntent;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.internal.LeadProcess;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SoftBounces;
import io.leadflow.sequence.internal.SuppressionList;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Where a person's reply goes: the lead's sequence, or, for a lead in nurture, its nurture as a sign. */
class SequenceExitsTest {

    private static final UUID LEAD = UUID.randomUUID();

    private final Leads leads = mock(Leads.class);
    private final LeadProcess process = mock(LeadProcess.class);
    private final Timeline timeline = mock(Timeline.class);
    private final SequenceAttemptRepository attempts = mock(SequenceAttemptRepository.class);
    private final SequenceExits exits = new SequenceExits(leads, mock(SuppressionList.class), process, timeline,
            mock(SequencePauses.class), mock(SoftBounces.class), mock(SequenceProperties.class), attempts);

    @Test
    void aReplyDuringTheSequenceEndsItWithItsIntent() {
        stage(LeadStage.MQL);
        exits.inboundMail(reply(ReplyIntent.NOT_NOW));
        verify(process).replied(LEAD, ReplyIntent.NOT_NOW, null, null);
    }

    @Test
    void aReplySayingNotNowTakesTheDayItNamesAlong() {
        stage(LeadStage.MQL);
        exits.inboundMail(new InboundMail(LEAD, InboundMail.Kind.REPLY, "<reply@example.com>", "Re: a guide", ReplyIntent.NOT_NOW,
                "ahora no", null, "<sent@leadflow.local>", LocalDate.of(2027, 3, 1), null));
        verify(process).replied(LEAD, ReplyIntent.NOT_NOW, null, LocalDate.of(2027, 3, 1));
    }

    @Test
    void aReplySayingWrongPersonTakesWhoToTalkToAlong() {
        stage(LeadStage.MQL);
        exits.inboundMail(reply(ReplyIntent.WRONG_PERSON, "maria@acme.com"));
        verify(process).replied(LEAD, ReplyIntent.WRONG_PERSON, "maria@acme.com", null);
    }

    @Test
    void aReplyInNurtureIsASignThatTakesTheLeadBackAndEndsNoSequence() {
        stage(LeadStage.LEAD);
        exits.inboundMail(reply(ReplyIntent.INTERESTED));
        verify(timeline).record(eq(LEAD), eq(Timeline.Type.REPLIED), any());
        verify(process).engaged(LEAD, "Replied (INTERESTED)");
        verify(process, never()).replied(any(), any(), any(), any());
    }

    @Test
    void aPersonStopsARunningSequenceOnceARound() {
        stage(LeadStage.MQL);
        when(attempts.latestRound(LEAD)).thenReturn(Optional.of(2));
        when(attempts.lockRound(LEAD, 2)).thenReturn(List.of(attempt(SequenceAttempt.Status.DONE), attempt(SequenceAttempt.Status.PLANNED)));
        Map<String, Object> recorded = Map.of("by", "ana", "exit", "STOPPED", "round", 2);
        when(timeline.recordOnce(LEAD, Timeline.Type.STOPPED, recorded)).thenReturn(true, false);

        exits.stop(LEAD, Map.of("by", "ana"));
        verify(process).sequenceEnded(LEAD, SequenceExits.Exit.STOPPED);

        assertThatThrownBy(() -> exits.stop(LEAD, Map.of("by", "ana"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("stopped already");
        verify(process).sequenceEnded(any(), any());
    }

    @Test
    void aSequenceThatIsNotRunningCannotBeStopped() {
        stage(LeadStage.MQL);
        when(attempts.latestRound(LEAD)).thenReturn(Optional.of(1), Optional.empty());
        when(attempts.lockRound(LEAD, 1)).thenReturn(List.of(attempt(SequenceAttempt.Status.CANCELLED)));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> exits.stop(LEAD, Map.of())).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("no running sequence");
        }
        verify(timeline, never()).recordOnce(any(), any(), any());
        verify(process, never()).sequenceEnded(any(), any());
    }

    private static SequenceAttempt attempt(SequenceAttempt.Status status) {
        Instant at = Instant.parse("2026-03-02T15:00:00Z");
        return new SequenceAttempt(1, Channel.EMAIL, at, at, status, null);
    }

    private void stage(LeadStage stage) {
        Lead lead = mock(Lead.class);
        when(lead.stage()).thenReturn(stage);
        LeadFacts facts = mock(LeadFacts.class);
        when(facts.email()).thenReturn("ana@example.com");
        when(lead.facts()).thenReturn(facts);
        when(leads.get(LEAD)).thenReturn(lead);
    }

    private static InboundMail reply(ReplyIntent intent) {
        return reply(intent, null);
    }

    private static InboundMail reply(ReplyIntent intent, String referral) {
        return new InboundMail(LEAD, InboundMail.Kind.REPLY, "<reply@example.com>", "Re: a guide", intent, null, referral,
                "<sent@leadflow.local>", null, null);
    }
}
