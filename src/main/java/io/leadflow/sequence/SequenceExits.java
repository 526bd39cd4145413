package io.leadflow.sequence;

import io.leadflow.email.InboundMail;
import io.leadflow.email.ReplyIntent;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.internal.LeadProcess;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SoftBounces;
import io.leadflow.sequence.internal.SuppressionList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * What ends a lead's sequence from outside the process: a reply, a booked meeting, an unsubscribe, a
 * bounce, a rep's stop; and what a lead's automatic reply does to it. Each is recorded and told to the lead's process; the
 * sequence model's interrupting event sub-processes do the ending.
 */
@Service
public class SequenceExits {

    public enum Exit {
        REPLIED(Timeline.Type.REPLIED),
        MEETING_BOOKED(Timeline.Type.MEETING_BOOKED),
        UNSUBSCRIBED(Timeline.Type.UNSUBSCRIBED),
        BOUNCED(Timeline.Type.BOUNCED),
        STOPPED(Timeline.Type.STOPPED);

        private final Timeline.Type recordedAs;

        Exit(Timeline.Type recordedAs) {
            this.recordedAs = recordedAs;
        }
    }

    private final Leads leads;
    private final SuppressionList suppressions;
    private final LeadProcess process;
    private final Timeline timeline;
    private final SequencePauses pauses;
    private final SoftBounces softBounces;
    private final SequenceProperties settings;
    private final SequenceAttemptRepository attempts;

    SequenceExits(Leads leads, SuppressionList suppressions, LeadProcess process, Timeline timeline, SequencePauses pauses,
                  SoftBounces softBounces, SequenceProperties settings, SequenceAttemptRepository attempts) {
        this.attempts = attempts;
        this.leads = leads;
        this.suppressions = suppressions;
        this.process = process;
        this.timeline = timeline;
        this.pauses = pauses;
        this.softBounces = softBounces;
        this.settings = settings;
    }

    /**
     * A person stops the lead's running sequence (its latest round, while attempts are still planned): once a round, as
     * the database keys it. {@code details} say who and why.
     *
     * @throws ConflictException when no sequence is running, or this round was stopped already
     */
    @Transactional
    public void stop(UUID leadId, Map<String, Object> details) {
        leads.get(leadId);
        int round = attempts.latestRound(leadId).orElseThrow(() -> notRunning(leadId));
        if (attempts.lockRound(leadId, round).stream().noneMatch(attempt -> attempt.status() == SequenceAttempt.Status.PLANNED)) {
            throw notRunning(leadId);
        }
        Map<String, Object> recorded = new LinkedHashMap<>(details);
        recorded.put("exit", Exit.STOPPED.name());
        recorded.put("round", round);
        if (!timeline.recordOnce(leadId, Exit.STOPPED.recordedAs, recorded)) {
            throw new ConflictException("The sequence of lead " + leadId + " is stopped already");
        }
        process.sequenceEnded(leadId, Exit.STOPPED);
    }

    private static ConflictException notRunning(UUID leadId) {
        return new ConflictException("Lead " + leadId + " has no running sequence");
    }

    /** Records the exit ({@link #recorded}) and tells the lead's process. */
    public void exit(UUID leadId, Exit exit, Map<String, Object> details) {
        if (recorded(leadId, exit, details)) {
            process.sequenceEnded(leadId, exit);
        }
    }

    /**
     * Suppresses the address if the exit says so and records the exit; false when it was recorded already: an
     * unsubscribe counts once per lead, so a repeated one (a mail client retrying the one-click POST) changes nothing. A
     * lead without an address (a company visit) has nothing to unsubscribe or bounce: 409.
     */
    private boolean recorded(UUID leadId, Exit exit, Map<String, Object> details) {
        String email = leads.get(leadId).facts().email();
        SuppressionList.Reason suppression = switch (exit) {
            case UNSUBSCRIBED -> SuppressionList.Reason.UNSUBSCRIBED;
            case BOUNCED -> SuppressionList.Reason.BOUNCED;
            default -> null;
        };
        if (suppression != null) {
            if (email == null) {
                throw new ConflictException("Lead " + leadId + " has no email address (a company visit): there is no address to suppress");
            }
            suppressions.suppress(email, suppression);
        }
        Map<String, Object> recorded = new LinkedHashMap<>(details);
        recorded.put("exit", exit.name());
        if (exit == Exit.UNSUBSCRIBED) {
            return timeline.recordOnce(leadId, exit.recordedAs, recorded);
        }
        timeline.record(leadId, exit.recordedAs, recorded);
        return true;
    }

    /**
     * A person's reply or a hard bounce ends the sequence; an out-of-office reply pauses it until the lead is back;
     * another automatic reply changes nothing; a soft bounce neither, until the lead's emails have bounced softly
     * {@code leadflow.sequence.soft-bounce-limit} times, which counts as a hard bounce. The timeline notes each.
     */
    @EventListener
    public void inboundMail(InboundMail mail) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messageId", mail.messageId());
        details.put("subject", mail.subject());
        if (mail.deliveryStatus() != null) {
            details.put("deliveryStatus", mail.deliveryStatus());
        }
        switch (mail.kind()) {
            case REPLY -> replied(mail, details);
            case HARD_BOUNCE -> exit(mail.leadId(), Exit.BOUNCED, details);
            case SOFT_BOUNCE -> bouncedSoftly(mail, details);
            case OUT_OF_OFFICE -> away(mail, details);
            case AUTO_REPLY -> timeline.record(mail.leadId(), Timeline.Type.AUTO_REPLY_IGNORED, details);
        }
    }

    /** Pauses the sequence until the lead is back; when that pauses nothing (ended, paused longer, back already), notes it. */
    private void away(InboundMail mail, Map<String, Object> details) {
        Map<String, Object> reply = new LinkedHashMap<>(details);
        reply.put("reason", InboundMail.Kind.OUT_OF_OFFICE.name());
        if (mail.returnsOn() != null) {
            reply.put("returnsOn", mail.returnsOn().toString());
        }
        try {
            if (pauses.pauseWhileAway(mail.leadId(), mail.returnsOn(), reply).isPresent()) {
                return;
            }
        } catch (ConflictException notRunning) {
            // The sequence has ended: there is nothing to pause.
        }
        timeline.record(mail.leadId(), Timeline.Type.AUTO_REPLY_IGNORED, reply);
    }

    private void bouncedSoftly(InboundMail mail, Map<String, Object> details) {
        OptionalInt bounced = softBounces.record(mail.leadId(), Objects.requireNonNullElse(mail.sentMessageId(), mail.messageId()),
                mail.deliveryStatus());
        Map<String, Object> soft = new LinkedHashMap<>(details);
        soft.put("softBounceLimit", settings.softBounceLimit());
        if (bounced.isPresent()) {
            soft.put("softBounces", bounced.getAsInt());
        }
        if (bounced.orElse(0) >= settings.softBounceLimit()) {
            exit(mail.leadId(), Exit.BOUNCED, soft);
        } else {
            timeline.record(mail.leadId(), Timeline.Type.SOFT_BOUNCE_IGNORED, soft);
        }
    }

    /**
     * A reply asking to get no more mail unsubscribes the lead as the one-click link does; any other reply ends the
     * sequence with what it means, for the model to route on and the rep to read on the timeline. A lead in nurture
     * (stage LEAD) has no sequence to end: its reply is a sign that takes it back to MQL. (Sent as the sequence's exit,
     * it would wait an hour in the engine and end the new sequence the sign starts.)
     */
    private void replied(InboundMail mail, Map<String, Object> details) {
        Map<String, Object> reply = new LinkedHashMap<>(details);
        reply.put("replyIntent", mail.intent().name());
        if (mail.intentPhrase() != null) {
            reply.put("intentPhrase", mail.intentPhrase());
        }
        if (mail.referral() != null) {
            reply.put("referral", mail.referral());
        }
        if (mail.returnsOn() != null) {
            reply.put("until", mail.returnsOn().toString());
        }
        if (mail.intent() == ReplyIntent.UNSUBSCRIBE_REQUEST) {
            reply.put("via", "reply");
            exit(mail.leadId(), Exit.UNSUBSCRIBED, reply);
        } else if (leads.get(mail.leadId()).stage() == LeadStage.LEAD) {
            timeline.record(mail.leadId(), Timeline.Type.REPLIED, reply);
            process.engaged(mail.leadId(), "Replied (" + mail.intent().name() + ")");
        } else if (recorded(mail.leadId(), Exit.REPLIED, reply)) {
            process.replied(mail.leadId(), mail.intent(), mail.referral(), mail.returnsOn());
        }
    }
}
