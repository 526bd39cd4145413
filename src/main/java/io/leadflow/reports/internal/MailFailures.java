package io.leadflow.reports.internal;

import io.leadflow.email.MailFailed;
import io.leadflow.email.MailOutbox;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.platform.NotFoundException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mails leadflow gave up sending, on their leads' timelines (EMAIL_FAILED, in the transaction that gave the mail up,
 * so once per failure), and a manager's retry of one (EMAIL_RETRIED, with who, in the transaction that puts it back).
 */
@Component
class MailFailures {

    private final MailOutbox outbox;
    private final Timeline timeline;

    MailFailures(MailOutbox outbox, Timeline timeline) {
        this.outbox = outbox;
        this.timeline = timeline;
    }

    @EventListener
    void failed(MailFailed mail) {
        if (mail.leadId() == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("idempotencyKey", mail.idempotencyKey());
        details.put("messageId", mail.messageId());
        details.put("subject", mail.subject());
        details.put("error", mail.error());
        details.put("permanent", mail.permanent());
        timeline.record(mail.leadId(), Timeline.Type.EMAIL_FAILED, details);
    }

    /** Puts the FAILED mail back in the outbox to go now; 404 for an unknown key, 409 for a mail not FAILED. */
    @Transactional
    MailOutbox.FailedMail retry(String idempotencyKey, String manager) {
        MailOutbox.FailedMail mail = outbox.retry(idempotencyKey).orElseThrow(() -> outbox.exists(idempotencyKey)
                ? new ConflictException("Mail " + idempotencyKey + " is not FAILED: it is waiting to go or was sent already")
                : new NotFoundException("No mail " + idempotencyKey + " in the outbox"));
        if (mail.leadId() != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("idempotencyKey", mail.idempotencyKey());
            details.put("subject", mail.subject());
            details.put("error", mail.error());
            details.put("by", manager);
            timeline.record(mail.leadId(), Timeline.Type.EMAIL_RETRIED, details);
        }
        return mail;
    }
}
