package io.leadflow.email.internal;

import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.ConnectedMailboxes.Readable;
import io.leadflow.email.MailProperties;
import io.leadflow.email.MailboxFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads one mailbox's INBOX over IMAP, read-only (EXAMINE: nothing is deleted, moved or marked, also in leadflow's own
 * inbox), from the first UID not read yet: the folder's UIDVALIDITY and the last UID read are kept in
 * {@code mailbox_folder_read} after each batch, so a restart goes on where the last read stopped and reads no message
 * twice. A mailbox read for the first time (or renumbered by its server) is read back to
 * {@code leadflow.mail.mailboxes.first-sync-window}. One node reads a mailbox at a time: a lease in
 * {@code mailbox_health}, on the database's time, renewed after each batch and taken over once it lapses.
 */
@Component
@ConditionalOnProperty(name = "leadflow.mail.inbox.enabled", havingValue = "true", matchIfMissing = true)
class MailboxReader {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);
    private static final String FOLDER = "INBOX";
    /** Longer than a batch takes; a node that died holding it gives the mailbox up after this. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final InboundMessages messages;
    private final ConnectedMailboxes mailboxes;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MailProperties.Mailboxes settings;
    private final MeterRegistry meters;
    private final Timer reads;
    private final UUID node = UUID.randomUUID();

    MailboxReader(InboundMessages messages, ConnectedMailboxes mailboxes, JdbcClient jdbc, Clock clock,
                  MailProperties settings, MeterRegistry meters) {
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings.mailboxes();
        this.meters = meters;
        this.reads = Timer.builder("leadflow.mail.inbox.reads").description("Reads of a mailbox, each from its last UID read")
                .register(meters);
        // At zero from the start: an alert on failures needs the series before the first one.
        failures("login refused");
        counted(InboundMessages.Outcome.UNREADABLE);
    }

    /** Reads what is new in the mailbox, unless another node is reading it; a failure is recorded, never thrown. */
    void read(Readable mailbox) {
        if (!lease(mailbox)) {
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        try {
            if (mailbox.mailbox().password() == null) {
                throw new MessagingException("its password does not decrypt with the mailbox secret: set it again");
            }
            try (Store store = MailServers.openStore(mailbox.mailbox(), settings.timeout())) {
                readInbox(store, mailbox);
            }
            mailboxes.recordRead(mailbox, null);
        } catch (MessagingException | RuntimeException e) {
            MailboxFailure failure = MailServers.failure(e);
            failures(failure.reason()).increment();
            log.warn("Mailbox {} of {} not read: {}", mailbox.mailbox().address(), mailbox.owner(), failure);
            mailboxes.recordRead(mailbox, failure);
        } finally {
            sample.stop(reads);
            release(mailbox);
        }
    }

    private void readInbox(Store store, Readable mailbox) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(FOLDER);
        folder.open(Folder.READ_ONLY);
        try {
            long validity = folder.getUIDValidity();
            Optional<Long> lastRead = lastUid(mailbox, validity);
            Instant since = lastRead.isPresent() ? null : clock.instant().minus(settings.firstSyncWindow());
            long from = lastRead.map(uid -> uid + 1).orElse(1L);
            // Asked before the messages: one arriving in between has this UID or a later one, so it is read next time.
            long next = lastRead.isPresent() ? 0 : folder.getUIDNext();
            Message[] unread = folder.getMessagesByUID(from, UIDFolder.LASTUID);
            if (lastRead.isEmpty() && unread.length == 0) {
                // Read once, empty: what arrives from now on is new, whatever date its server gives it.
                saveLastUid(mailbox, validity, Math.max(0, next - 1));
            }
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(IMAPFolder.FetchProfileItem.HEADERS);
            profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
            for (int start = 0; start < unread.length; start += settings.fetchBatch()) {
                Message[] batch = Arrays.copyOfRange(unread, start, Math.min(unread.length, start + settings.fetchBatch()));
                folder.fetch(batch, profile);
                long last = from - 1;
                try {
                    for (Message message : batch) {
                        long uid = folder.getUID(message);
                        // "UID n:*" answers the newest message even when it is older than n.
                        if (uid < from) {
                            continue;
                        }
                        if (since == null || !receivedBefore(message, since)) {
                            handle(message, mailbox, validity, uid);
                        }
                        last = uid;
                    }
                } finally {
                    if (last >= from) {
                        saveLastUid(mailbox, validity, last);
                        from = last + 1;
                    }
                }
                lease(mailbox);
            }
        } finally {
            folder.close(false);
        }
    }

    /** One message: a malformed one is logged, counted and passed over; a failure to tell the lead stops the read. */
    private void handle(Message message, Readable mailbox, long validity, long uid) throws MessagingException {
        String fallbackId = "<" + validity + "." + uid + "." + Integer.toHexString(mailbox.key().hashCode()) + "@inbox.leadflow>";
        try {
            counted(messages.handle(message, fallbackId)).increment();
        } catch (InboundMessages.UnreadableMessageException e) {
            counted(InboundMessages.Outcome.UNREADABLE).increment();
            log.warn("Message UID {} in mailbox {} of {} passed over: {}", uid, mailbox.mailbox().address(), mailbox.owner(),
                    e.getMessage());
        }
    }

    private static boolean receivedBefore(Message message, Instant since) throws MessagingException {
        Date received = message.getReceivedDate();
        return received != null && received.toInstant().isBefore(since);
    }

    private Counter failures(String reason) {
        return Counter.builder("leadflow.mail.inbox.failures").description("Mailbox reads that failed, by why")
                .tag("reason", reason).register(meters);
    }

    private Counter counted(InboundMessages.Outcome outcome) {
        return Counter.builder("leadflow.mail.inbox.messages").description("Messages read in the mailboxes, by what became of them")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters);
    }

    private Optional<Long> lastUid(Readable mailbox, long validity) {
        return jdbc.sql("select last_uid from mailbox_folder_read where mailbox = ? and folder = ? and uid_validity = ?")
                .params(mailbox.key(), FOLDER, validity).query(Long.class).optional();
    }

    private void saveLastUid(Readable mailbox, long validity, long lastUid) {
        jdbc.sql("""
                        insert into mailbox_folder_read (mailbox, folder, uid_validity, last_uid, read_at) values (?, ?, ?, ?, ?)
                        on conflict (mailbox, folder) do update set uid_validity = excluded.uid_validity,
                            last_uid = excluded.last_uid, read_at = excluded.read_at
                        """)
                .params(mailbox.key(), FOLDER, validity, lastUid, Timestamp.from(clock.instant())).update();
    }

    /** Takes or renews the mailbox's lease: true when this node holds it now. */
    private boolean lease(Readable mailbox) {
        return jdbc.sql("""
                        insert into mailbox_health (mailbox, owner, leased_by, leased_until)
                        values (?, ?, ?, now() + cast(? as interval))
                        on conflict (mailbox) do update set leased_by = excluded.leased_by, leased_until = excluded.leased_until
                        where mailbox_health.leased_until is null or mailbox_health.leased_until < now()
                            or mailbox_health.leased_by = excluded.leased_by
                        """)
                .params(mailbox.key(), mailbox.owner(), node, LEASE.toSeconds() + " seconds").update() == 1;
    }

    private void release(Readable mailbox) {
        jdbc.sql("update mailbox_health set leased_by = null, leased_until = null where mailbox = ? and leased_by = ?")
                .params(mailbox.key(), node).update();
    }
}
