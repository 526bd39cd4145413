package io.leadflow.email;

import io.leadflow.LeadflowIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import io.leadflow.platform.WorkQueues;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a crash may repeat of the outbox, and that a backlog being sent holds up nothing else. */
class MailDispatchIT extends LeadflowIntegrationTest {

    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    MailOutbox outbox;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MailProperties settings;
    @Autowired
    ConnectedMailboxes mailboxes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /**
     * Ten mails due at once; leadflow "crashes" right after the server took the fourth (as a kill -9 between the
     * server's answer and the commit would). The three before it stay sent; after the restart the fourth goes again,
     * with its Message-ID, and the six after it once.
     */
    @Test
    void aCrashResendsOnlyTheMailInFlightWithItsMessageId() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = IntStream.range(0, 10).mapToObj(i -> "crash" + i + "." + run + "@andesnet.co").toList();
        CrashingConnection crashing = new CrashingConnection(mailSender, settings, run, 4);
        MailDispatcher crashingDispatcher = new MailDispatcher(outbox, crashing, mailboxes,
                new WorkQueues(Clock.systemUTC(), transaction, new SimpleMeterRegistry()), settings, new SimpleMeterRegistry());
        dispatcher.queue().stop();
        try {
            recipients.forEach(recipient -> outbox.enqueue(new OutgoingMail(key(recipient), null, recipient, "Hola", "Texto",
                    null, Map.of())));
            // A failing mail of another test ends a drain before this test's mails: drain again until the crash.
            await().atMost(PATIENCE).until(() -> drainedUntilCrash(crashingDispatcher));

            List<String> sentBeforeTheCrash = crashing.handedOver.subList(0, 3);
            assertThat(recipients).allSatisfy(recipient -> assertThat(status(key(recipient))).as(recipient)
                    .isEqualTo(sentBeforeTheCrash.contains(recipient) ? "SENT" : "PENDING"));
        } finally {
            dispatcher.queue().start();
        }
        await().atMost(PATIENCE).until(() -> recipients.stream().allMatch(recipient -> "SENT".equals(status(key(recipient)))));

        String inFlight = crashing.handedOver.get(3);
        List<String> messageIds = new ArrayList<>();
        for (Message received : awaitMail(inFlight, 2)) {
            messageIds.add(received.getHeader("Message-ID")[0]);
        }
        assertThat(messageIds).containsExactly(messageId(key(inFlight)), messageId(key(inFlight)));
        assertThat(recipients).filteredOn(recipient -> !recipient.equals(inFlight))
                .allSatisfy(recipient -> assertThat(mailbox(recipient)).as(recipient).hasSize(1));
    }

    /**
     * The dispatcher stuck in the middle of a backlog (its database write held by a table lock, as a slow drain would
     * hold it): leadflow still reads its inbox and tells the lead's reply; the backlog then goes out.
     */
    @Test
    void theInboxIsReadWhileABacklogIsBeingSent() throws Exception {
        Map<String, Object> submitted = mqlLead("Olga");
        String leadAddress = (String) submitted.get("email");
        UUID lead = postLead(submitted);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> backlog = IntStream.range(0, 300).mapToObj(i -> "backlog" + i + "." + run + "@andesnet.co").toList();
        String toLead;
        dispatcher.queue().stop();
        try (Connection lockHolder = dataSource.getConnection()) {
            try {
                toLead = outbox.enqueue(new OutgoingMail(key(leadAddress), lead, leadAddress, "Hola Olga", "Texto", null, Map.of()))
                        .messageId();
                backlog.forEach(recipient -> outbox.enqueue(new OutgoingMail(key(recipient), null, recipient, "Hola", "Texto",
                        null, Map.of())));
                lockHolder.setAutoCommit(false);
                try (Statement lock = lockHolder.createStatement()) {
                    // Leaves the dispatcher's claim (select … for update) alone and holds its "sent" update.
                    lock.execute("lock table outbound_mail in share mode");
                }
            } finally {
                dispatcher.queue().start();
            }
            await().atMost(PATIENCE).until(this::dispatcherWaitsToMarkAMailSent);

            sendToInbox(replyTo(leadAddress, toLead));

            await().atMost(PATIENCE).until(() -> repliesFrom(lead) == 1);
            assertThat(backlog).allSatisfy(recipient -> assertThat(status(key(recipient))).isEqualTo("PENDING"));
            lockHolder.commit();
        }
        await().atMost(PATIENCE).until(() -> backlog.stream().allMatch(recipient -> "SENT".equals(status(key(recipient)))));
    }

    private static boolean drainedUntilCrash(MailDispatcher dispatcher) throws InterruptedException {
        try {
            dispatcher.queue().drain();
            return false;
        } catch (SimulatedCrash crash) {
            return true;
        }
    }

    private boolean dispatcherWaitsToMarkAMailSent() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
                        and query like 'update outbound_mail set status = ''SENT''%'
                        """)
                .query(Integer.class).single() > 0;
    }

    private MimeMessage replyTo(String from, String messageId) throws MessagingException {
        MimeMessage reply = new MimeMessage(smtpSession());
        reply.setFrom(new InternetAddress(from));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress("leadflow@leadflow.local"));
        reply.setSubject("Re: Hola Olga");
        reply.setHeader("In-Reply-To", messageId);
        reply.setText("Sí, me interesa. Hablemos el jueves.", "UTF-8");
        return reply;
    }

    private int repliesFrom(UUID lead) {
        return jdbc.sql("select count(*) from inbound_mail where lead_id = ?").param(lead).query(Integer.class).single();
    }

    private static String key(String recipient) {
        return "dispatch-test:" + recipient;
    }

    private String status(String key) {
        return jdbc.sql("select status from outbound_mail where idempotency_key = ?").param(key).query(String.class).single();
    }

    private String messageId(String key) {
        return jdbc.sql("select message_id from outbound_mail where idempotency_key = ?").param(key).query(String.class).single();
    }

    /** Thrown where leadflow would die: the mail in flight was taken by the server, its commit never happens. */
    private static final class SimulatedCrash extends RuntimeException {
    }

    /** The dispatcher's SMTP connection, which dies right after the server took the n-th of this test's mails. */
    private static final class CrashingConnection extends SmtpConnection {

        private final String run;
        private final int crashAt;
        private final List<String> handedOver = new ArrayList<>();

        CrashingConnection(JavaMailSenderImpl server, MailProperties settings, String run, int crashAt) {
            super(server, settings);
            this.run = run;
            this.crashAt = crashAt;
        }

        @Override
        void send(MimeMessage message, ConnectedMailbox mailbox) throws MessagingException {
            super.send(message, mailbox);
            String recipient = ((InternetAddress) message.getAllRecipients()[0]).getAddress();
            if (recipient.contains(run)) {
                handedOver.add(recipient);
                if (handedOver.size() == crashAt) {
                    throw new SimulatedCrash();
                }
            }
        }
    }
}
