package io.leadflow.sequence;

import io.leadflow.email.EmailModel;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SequenceEmailKey;
import io.leadflow.sequence.internal.SequenceMailer;
import io.leadflow.sequence.internal.SequenceMetrics;
import io.leadflow.sequence.internal.SuppressionList;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * The emails of a lead's sequence and of its nurture track, each queued once (its outbox key says which), unless the
 * lead's address is suppressed; an attempt's own email settles the attempt as made.
 */
@Service
public class SequenceEmails {

    private final Leads leads;
    private final SequenceAttemptRepository attempts;
    private final AttemptTouches touches;
    private final SuppressionList suppressions;
    private final SequenceTemplates templates;
    private final SequenceMailer mailer;
    private final SequenceMetrics metrics;
    private final Timeline timeline;
    private final SequenceProperties settings;

    SequenceEmails(Leads leads, SequenceAttemptRepository attempts, AttemptTouches touches, SuppressionList suppressions,
                   SequenceTemplates templates, SequenceMailer mailer, SequenceMetrics metrics, Timeline timeline,
                   SequenceProperties settings) {
        this.leads = leads;
        this.attempts = attempts;
        this.touches = touches;
        this.suppressions = suppressions;
        this.templates = templates;
        this.mailer = mailer;
        this.metrics = metrics;
        this.timeline = timeline;
        this.settings = settings;
    }

    /**
     * Queues the attempt's personalised email once per round, unless the address is suppressed; a {@code followUp}
     * follows the attempt's call that did not connect, and says so.
     */
    @Transactional
    public void sendEmail(UUID leadId, int round, int step, boolean followUp) {
        Lead lead = leads.get(leadId);
        if (suppressed(lead, step, !followUp)) {
            return;
        }
        boolean firstEmail = !attempts.emailedBefore(leadId, round, step);
        mailer.send(lead, round, templates.stepEmail(SequenceTemplates.Recipient.of(lead), step),
                        new EmailModel.Attempt(step, steps(), followUp, firstEmail, false), SequenceEmailKey.of(leadId, round, step, followUp))
                .ifPresent(queued -> {
                    if (!followUp) {
                        touches.emailSent(lead, step);
                    }
                    attempts.recordTemplate(leadId, step, queued.template().fileName(), queued.variant());
                    metrics.emailSent(step, queued.template().fileName());
                });
    }

    /**
     * Queues, once per round, the email that follows the {@code step}'s call that connected: the awareness content the
     * call promised (methodology: after the connect call the buyer is in awareness), in the lead's language.
     */
    @Transactional
    public void sendConnectedCallFollowUp(UUID leadId, int round, int step) {
        Lead lead = leads.get(leadId);
        if (suppressed(lead, step, false)) {
            return;
        }
        mailer.send(lead, round, templates.connectedCallEmail(SequenceTemplates.Recipient.of(lead)),
                new EmailModel.Attempt(step, steps(), false, false, true),
                SequenceEmailKey.connectedCall(leadId, round));
    }

    /**
     * Queues the nurture content the cadence brought on {@code day}, once: the lead's awareness template, from its rep,
     * tracked as the sequence's emails are (a click is a sign that takes the lead back), unless the address is suppressed.
     */
    @Transactional
    public void sendNurtureEmail(UUID leadId, int round, String day) {
        Lead lead = leads.get(leadId);
        if (suppressed(lead, SequenceEmailKey.NURTURE_STEP, false)) {
            return;
        }
        mailer.send(lead, round, templates.nurtureEmail(SequenceTemplates.Recipient.of(lead)),
                new EmailModel.Attempt(SequenceEmailKey.NURTURE_STEP, steps(), false, false, false),
                SequenceEmailKey.nurture(leadId, day));
    }

    /**
     * Whether the lead's address is suppressed; then the email is not sent, and the timeline says so. The attempt's own
     * email ({@code attemptsOwn}) not sent skips the attempt; any other email of the step leaves it as it is.
     */
    private boolean suppressed(Lead lead, int step, boolean attemptsOwn) {
        if (!suppressions.isSuppressed(lead.facts().email())) {
            return false;
        }
        if (attemptsOwn) {
            touches.skipped(lead.id(), step, "suppressed");
        }
        timeline.record(lead.id(), Timeline.Type.EMAIL_SUPPRESSED, SequenceEmailKey.place(step));
        return true;
    }

    /** The steps of a sequence, as its emails count them. */
    private int steps() {
        return settings.journeyStageByStep().size();
    }
}
