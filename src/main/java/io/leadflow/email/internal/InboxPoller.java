package io.leadflow.email.internal;

import io.leadflow.email.InboundMail;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.MailProperties;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Reads leadflow's inbox over IMAP and tells what arrived about a mail leadflow sent to a lead (a
 * reply, an automatic reply, a bounce) as an {@link InboundMail} event. Each mail is told once, by Message-ID.
 */
@Component
@ConditionalOnProperty(name = "leadflow.mail.inbox.enabled", havingValue = "true", matchIfMissing = true)
class InboxPoller implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

    private final InboundMailClassifier classifier;
    private final MailOutbox outbox;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Session session;
    private final MailProperties.Inbox inbox;

    InboxPoller(InboundMailClassifier classifier, MailOutbox outbox, ApplicationEventPublisher events, JdbcClient jdbc,
                Clock clock, MailProperties settings) {
        this.classifier = classifier;
        this.outbox = outbox;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "5000");
        properties.setProperty("mail.imap.timeout", "10000");
        this.session = Session.getInstance(properties);
        this.inbox = settings.inbox();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, inbox.pollInterval());
    }

    synchronized void poll() {
        try (Store store = session.getStore("imap")) {
            store.connect(inbox.host(), inbox.port(), inbox.address(), inbox.password());
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    handle(message);
                    message.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            log.warn("Inbox {}@{}:{} not read: {}", inbox.address(), inbox.host(), inbox.port(), e.getMessage());
        }
    }

    private void handle(Message message) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        String messageId = ids == null || ids.length == 0 ? "<no-id-" + message.getMessageNumber() + "@" + inbox.host() + ">" : ids[0].trim();
        InboundMailClassifier.Classification classification;
        try {
            classification = classifier.classify(message);
        } catch (IOException | MessagingException e) {
            log.warn("Mail {} could not be read: {}", messageId, e.getMessage());
            return;
        }
        Optional<UUID> lead = classification.referencedMessageIds().stream()
                .map(outbox::leadOfMessage).flatMap(Optional::stream).findFirst();
        if (lead.isEmpty() || !firstTimeSeen(messageId, lead.get(), classification.kind())) {
            return;
        }
        events.publishEvent(classification.event(lead.get(), messageId, String.valueOf(message.getSubject())));
    }

    private boolean firstTimeSeen(String messageId, UUID leadId, InboundMail.Kind kind) {
        return jdbc.sql("insert into inbound_mail (message_id, lead_id, kind, received_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(messageId, leadId, kind.name(), Timestamp.from(clock.instant())).update() == 1;
    }
}
