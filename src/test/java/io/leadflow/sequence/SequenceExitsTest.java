package io.leadflow.sequence;

import io.leadflow.email.InboundMail;
import io.leadflow.email.ReplyIntent;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.process.NurtureProcess;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.internal.SequencePauses;
import io.leadflow.sequence.internal.SoftBounces;
import io.leadflow.sequence.internal.SuppressionList;
import org.junit.jupiter.api.Test;

import java.util.UUID;

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
    private final ProcessEngine engine = mock(ProcessEngine.class);
    private final Timeline timeline = mock(Timeline.class);
    private final SequenceExits exits = new SequenceExits(leads, mock(SuppressionList.class), engine, timeline,
            mock(SequencePauses.class), mock(SoftBounces.class), mock(SequenceProperties.class));

    @Test
    void aReplyDuringTheSequenceEndsItWithItsIntent() {
        stage(LeadStage.MQL);
        exits.inboundMail(reply(ReplyIntent.NOT_NOW));
        verify(engine).publishMessage(SequenceProcess.LEAD_REPLIED, LEAD.toString(),
                new SequenceProcess.ReplyExit("REPLIED", "NOT_NOW", null));
    }

    @Test
    void aReplySayingWrongPersonTakesWhoToTalkToAlong() {
        stage(LeadStage.MQL);
        exits.inboundMail(reply(ReplyIntent.WRONG_PERSON, "maria@acme.com"));
        verify(engine).publishMessage(SequenceProcess.LEAD_REPLIED, LEAD.toString(),
                new SequenceProcess.ReplyExit("REPLIED", "WRONG_PERSON", "maria@acme.com"));
    }

    @Test
    void aReplyInNurtureIsASignThatTakesTheLeadBackAndEndsNoSequence() {
        stage(LeadStage.LEAD);
        exits.inboundMail(reply(ReplyIntent.INTERESTED));
        verify(timeline).record(eq(LEAD), eq(Timeline.Type.REPLIED), any());
        verify(engine).publishMessage(NurtureProcess.LEAD_ENGAGED, LEAD.toString(), new NurtureProcess.Engaged("Replied (INTERESTED)"));
        verify(engine, never()).publishMessage(eq(SequenceProcess.LEAD_REPLIED), any(), any());
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
