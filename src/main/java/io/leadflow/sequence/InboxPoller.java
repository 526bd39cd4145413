package io.leadflow.sequence;

import io.leadflow.email.MailOutbox;
import io.leadflow.intake.Timeline;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Reads leadflow's inbox over IMAP: a lead's reply or a hard bounce of one of our emails ends the
 * lead's sequence; automatic replies (out of office) do not. Each mail is handled once, by Message-ID.
 */
@Component
@ConditionalOnProperty(name = "leadflow.mail.inbox.enabled", havingValue = "true", matchIfMissing = true)
class InboxPoller {

    private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

    private final InboundMailClassifier classifier;
    private final MailOutbox outbox;
    private final SequenceExits exits;
    private final Timeline timeline;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Session session;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    InboxPoller(InboundMailClassifier classifier, MailOutbox outbox, SequenceExits exits, Timeline timeline, JdbcClient jdbc,
                Clock clock, @Value("${leadflow.mail.inbox.host}") String host, @Value("${leadflow.mail.inbox.port}") int port,
                @Value("${leadflow.mail.inbox.address}") String user, @Value("${leadflow.mail.inbox.password}") String password) {
        this.classifier = classifier;
        this.outbox = outbox;
        this.exits = exits;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.clock = clock;
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "5000");
        properties.setProperty("mail.imap.timeout", "10000");
        this.session = Session.getInstance(properties);
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    @Scheduled(fixedDelayString = "${leadflow.mail.inbox.poll-interval:PT5S}")
    synchronized void poll() {
        try (Store store = session.getStore("imap")) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                for (Message message : inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    handle(message);
                    message.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            log.warn("Inbox {}@{}:{} not read: {}", user, host, port, e.getMessage());
        }
    }

    private void handle(Message message) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        String messageId = ids == null || ids.length == 0 ? "<no-id-" + message.getMessageNumber() + "@" + host + ">" : ids[0].trim();
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
        Map<String, Object> details = Map.of("messageId", messageId, "subject", String.valueOf(message.getSubject()));
        switch (classification.kind()) {
            case REPLY -> exits.exit(lead.get(), SequenceExits.Exit.REPLIED, details);
            case HARD_BOUNCE -> exits.exit(lead.get(), SequenceExits.Exit.BOUNCED, details);
            case AUTO_REPLY -> timeline.record(lead.get(), "AUTO_REPLY_IGNORED", details);
            case SOFT_BOUNCE -> timeline.record(lead.get(), "SOFT_BOUNCE_IGNORED", details);
        }
    }

    private boolean firstTimeSeen(String messageId, UUID leadId, InboundMailClassifier.Kind kind) {
        return jdbc.sql("insert into inbound_mail (message_id, lead_id, kind, received_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(messageId, leadId, kind.name(), Timestamp.from(clock.instant())).update() == 1;
    }
}
