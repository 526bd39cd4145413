package io.leadflow.sequence.internal;

import io.leadflow.email.EmailModel;
import io.leadflow.email.MailOutbox;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.SequenceTemplates;
import io.leadflow.sequence.internal.SequenceEmailComposer.ComposedEmail;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Queues a lead's sequence or nurture email once under its outbox key, taking its slot in the rep's mailbox. */
@Component
public class SequenceMailer {

    private final SequenceEmailComposer composer;
    private final MailOutbox outbox;
    private final MailboxPacing mailboxPacing;
    private final Timeline timeline;

    SequenceMailer(SequenceEmailComposer composer, MailOutbox outbox, MailboxPacing mailboxPacing, Timeline timeline) {
        this.composer = composer;
        this.outbox = outbox;
        this.mailboxPacing = mailboxPacing;
        this.timeline = timeline;
    }

    /**
     * Queues the email of {@code attempt} (see {@link SequenceEmailComposer#compose}) under {@code key}; what was queued,
     * if this queued it (a redelivered job finds it queued already).
     */
    public Optional<ComposedEmail> send(Lead lead, int round, SequenceTemplates.Chosen chosen, EmailModel.Attempt attempt,
                                        String key) {
        ComposedEmail email = composer.compose(lead, round, chosen, attempt, key);
        MailOutbox.Enqueued enqueued = outbox.enqueue(email.mail());
        if (!enqueued.created()) {
            return Optional.empty();
        }
        mailboxPacing.sent(lead);
        Map<String, Object> sent = new LinkedHashMap<>(SequenceEmailKey.place(attempt.step()));
        sent.putAll(Map.of("followUp", attempt.afterMissedCall(), "afterConnectedCall", attempt.afterConnectedCall(),
                "template", email.template().fileName(), "subject", email.mail().subject(), "messageId", enqueued.messageId()));
        timeline.record(lead.id(), Timeline.Type.EMAIL_SENT, sent);
        return Optional.of(email);
    }
}
