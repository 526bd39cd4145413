package io.leadflow.email;

import io.leadflow.platform.RetryBackoff;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends what the outbox holds over SMTP. When the server is down the mail stays pending and is
 * retried with exponential backoff (capped), and goes out once the server is back.
 */
@Component
class MailDispatcher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;

    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final TransactionTemplate transaction;
    private final MailProperties settings;
    private final RetryBackoff retry;

    MailDispatcher(MailOutbox outbox, JavaMailSender sender, TransactionTemplate transaction, MailProperties settings) {
        this.outbox = outbox;
        this.sender = sender;
        this.transaction = transaction;
        this.settings = settings;
        this.retry = settings.retry().backoff();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::dispatchDue, settings.dispatchInterval());
    }

    void dispatchDue() {
        Integer sent;
        do {
            sent = transaction.execute(status -> sendBatch());
        } while (sent != null && sent == BATCH);
    }

    private int sendBatch() {
        var due = outbox.lockDue(BATCH);
        for (MailOutbox.PendingMail mail : due) {
            try {
                sender.send(toMime(mail));
                outbox.markSent(mail.idempotencyKey());
            } catch (MailException | MessagingException e) {
                Duration retryIn = retry.afterFailures(mail.attempts() + 1);
                log.warn("Mail {} not sent (attempt {}), retrying in {}: {}", mail.messageId(), mail.attempts() + 1, retryIn, e.getMessage());
                outbox.markFailed(mail.idempotencyKey(), e.getMessage(), retryIn);
                return 0;
            }
        }
        return due.size();
    }

    private MimeMessage toMime(MailOutbox.PendingMail mail) throws MessagingException {
        MimeMessage message = new FixedIdMimeMessage(sender.createMimeMessage(), mail.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(message, mail.htmlBody() != null, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        if (mail.htmlBody() != null) {
            helper.setText(mail.textBody(), mail.htmlBody());
        } else {
            helper.setText(mail.textBody());
        }
        for (var header : mail.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        return message;
    }

    /** Keeps the Message-ID leadflow chose (Jakarta Mail would make a new one on save), so replies can be matched. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(MimeMessage session, String messageId) throws MessagingException {
            super(session.getSession());
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
