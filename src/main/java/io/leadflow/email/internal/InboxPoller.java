package io.leadflow.email.internal;

import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.MailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Reads every mailbox leadflow reads ({@link ConnectedMailboxes#readable()}: its own inbox and each rep's) every
 * {@code leadflow.mail.inbox.poll-interval}, each on a virtual thread of its own: a mailbox whose server is slow or
 * down holds up no other. At most {@link #CONCURRENT_READS} mailboxes are read at once (each holds a database
 * connection while it records), and a mailbox still being read is not started again.
 */
@Component
@ConditionalOnProperty(name = "leadflow.mail.inbox.enabled", havingValue = "true", matchIfMissing = true)
class InboxPoller implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);
    static final int CONCURRENT_READS = 4;

    private final ConnectedMailboxes mailboxes;
    private final MailboxReader reader;
    private final MailProperties.Inbox inbox;
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("leadflow-mailbox-", 0).factory());
    private final Semaphore slots = new Semaphore(CONCURRENT_READS);
    private final Set<String> reading = ConcurrentHashMap.newKeySet();

    InboxPoller(ConnectedMailboxes mailboxes, MailboxReader reader, MailProperties settings) {
        this.mailboxes = mailboxes;
        this.reader = reader;
        this.inbox = settings.inbox();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, inbox.pollInterval());
    }

    /** Starts a read of each mailbox not being read already. */
    void poll() {
        try {
            for (ConnectedMailboxes.Readable mailbox : mailboxes.readable()) {
                if (!reading.add(mailbox.key())) {
                    continue;
                }
                readers.execute(() -> readOne(mailbox));
            }
        } catch (RejectedExecutionException e) {
            log.debug("Mailboxes not read: leadflow is stopping");
        }
    }

    private void readOne(ConnectedMailboxes.Readable mailbox) {
        try {
            slots.acquire();
            try {
                reader.read(mailbox);
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The database went away under the read (leadflow stopping interrupts it) or failed: the next poll reads on.
            if (readers.isShutdown()) {
                log.debug("Reading mailbox {} stopped: leadflow is stopping", mailbox.owner());
            } else {
                log.warn("Reading mailbox {} failed; the next poll reads it again", mailbox.owner(), e);
            }
        } finally {
            reading.remove(mailbox.key());
        }
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
