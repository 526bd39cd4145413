package io.leadflow.sequence;

import io.leadflow.email.InboundMail;
import io.leadflow.email.ReplyIntent;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.internal.SuppressionList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What ends a lead's sequence from outside the process: a reply, a booked meeting, an unsubscribe, a
 * bounce, a rep's stop. Each is recorded and sent to the engine as a message; the sequence model's
 * interrupting event sub-processes do the ending.
 */
@Service
public class SequenceExits {

    public enum Exit {
        REPLIED(SequenceProcess.LEAD_REPLIED),
        MEETING_BOOKED(SequenceProcess.MEETING_BOOKED),
        UNSUBSCRIBED(SequenceProcess.LEAD_UNSUBSCRIBED),
        BOUNCED(SequenceProcess.MAIL_BOUNCED),
        STOPPED(SequenceProcess.SEQUENCE_STOPPED);

        private final String message;

        Exit(String message) {
            this.message = message;
        }
    }

    private final Leads leads;
    private final SuppressionList suppressions;
    private final ProcessEngine engine;
    private final Timeline timeline;

    SequenceExits(Leads leads, SuppressionList suppressions, ProcessEngine engine, Timeline timeline) {
        this.leads = leads;
        this.suppressions = suppressions;
        this.engine = engine;
        this.timeline = timeline;
    }

    public void exit(UUID leadId, Exit exit, Map<String, Object> details) {
        exit(leadId, exit, details, new SequenceProcess.Exit(exit.name()));
    }

    /** Suppresses the address if the exit says so, records the exit and sends its message with the variables the model reads. */
    private void exit(UUID leadId, Exit exit, Map<String, Object> details, Object messageVariables) {
        String email = leads.get(leadId).facts().email();
        if (exit == Exit.UNSUBSCRIBED) {
            suppressions.suppress(email, SuppressionList.Reason.UNSUBSCRIBED);
        } else if (exit == Exit.BOUNCED) {
            suppressions.suppress(email, SuppressionList.Reason.BOUNCED);
        }
        Map<String, Object> recorded = new LinkedHashMap<>(details);
        recorded.put("exit", exit.name());
        timeline.record(leadId, exit.name(), recorded);
        engine.publishMessage(exit.message, leadId.toString(), messageVariables);
    }

    /** A person's reply or a hard bounce ends the sequence; an automatic reply or a soft bounce does not. */
    @EventListener
    public void inboundMail(InboundMail mail) {
        Map<String, Object> details = Map.of("messageId", mail.messageId(), "subject", mail.subject());
        switch (mail.kind()) {
            case REPLY -> replied(mail, details);
            case HARD_BOUNCE -> exit(mail.leadId(), Exit.BOUNCED, details);
            case AUTO_REPLY -> timeline.record(mail.leadId(), "AUTO_REPLY_IGNORED", details);
            case SOFT_BOUNCE -> timeline.record(mail.leadId(), "SOFT_BOUNCE_IGNORED", details);
        }
    }

    /**
     * A reply asking to get no more mail unsubscribes the lead as the one-click link does; any other reply ends the
     * sequence with what it means, for the model to route on and the rep to read on the timeline.
     */
    private void replied(InboundMail mail, Map<String, Object> details) {
        Map<String, Object> reply = new LinkedHashMap<>(details);
        reply.put("replyIntent", mail.intent().name());
        if (mail.intentPhrase() != null) {
            reply.put("intentPhrase", mail.intentPhrase());
        }
        if (mail.intent() == ReplyIntent.UNSUBSCRIBE_REQUEST) {
            reply.put("via", "reply");
            exit(mail.leadId(), Exit.UNSUBSCRIBED, reply);
        } else {
            exit(mail.leadId(), Exit.REPLIED, reply, new SequenceProcess.ReplyExit(Exit.REPLIED.name(), mail.intent().name()));
        }
    }
}
