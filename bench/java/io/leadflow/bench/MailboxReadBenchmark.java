package io.leadflow.bench;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.MailboxRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Reading the reps' mailboxes: 10 mailboxes on the embedded IMAP server with 10,000 messages each (a rep's inbox:
 * mail from people who are not leads, ~2 KB each), connected at once. Timed: the first sync (until every mailbox's
 * last UID read is its newest), then the steady state, polls that find nothing new: the time of one mailbox's read
 * and the PostgreSQL statements a poll of all of them costs.
 *
 * <p>System properties: bench.mailboxes (10), bench.messages (10000), bench.steady-seconds (30), bench.imap-server
 * ({@code embedded}, or {@code dovecot}: the mailboxes on a Dovecot of the benchmark's own, see {@link DovecotServer}).
 */
public final class MailboxReadBenchmark {

    private static final String BODY = """
            Hola,

            Te comparto la agenda de la reunión del jueves y el resumen de lo que hablamos con el equipo de compras.
            Quedamos en revisar los precios del segundo trimestre y en preparar una propuesta para la renovación.
            """.repeat(6);

    private MailboxReadBenchmark() {
    }

    public static void main(String[] args) {
        // Every second, so the first sync's end and the steady state's polls are seen soon.
        System.setProperty("leadflow.mail.inbox.poll-interval", "PT1S");
        BenchApplication.run(app -> {
            run(app, BenchApplication.intProperty("bench.mailboxes", 10), BenchApplication.intProperty("bench.messages", 10_000),
                    BenchApplication.intProperty("bench.steady-seconds", 30));
            return app;
        });
    }

    static void run(BenchApplication app, int mailboxes, int messages, int steadySeconds) throws Exception {
        boolean dovecot = "dovecot".equals(System.getProperty("bench.imap-server", "embedded"));
        try (DovecotServer server = dovecot ? DovecotServer.start(BenchApplication.intProperty("bench.dovecot-port", 31143)) : null) {
            int imapPort = dovecot ? server.port() : BenchApplication.intProperty("bench.imap-port", 3243);
            fill(app, server, mailboxes, messages);
            measure(app, imapPort, mailboxes, messages, steadySeconds);
        }
    }

    /** Stores the messages: in the embedded server's folders, or in Dovecot's Maildirs. */
    private static void fill(BenchApplication app, DovecotServer dovecot, int mailboxes, int messages) throws Exception {
        Session session = Session.getInstance(new Properties());
        long filling = System.nanoTime();
        for (int box = 0; box < mailboxes; box++) {
            String address = "bench-rep" + box + "@leadflow.local";
            if (dovecot != null) {
                Path inbox = dovecot.addUser(address, "bench-" + box);
                for (int i = 0; i < messages; i++) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    message(session, address, box, i).writeTo(bytes);
                    DovecotServer.deliver(inbox, "%d.M%dP%d.bench".formatted(1_765_000_000L + i, i, box), bytes.toByteArray());
                }
            } else {
                GreenMail server = app.bean(GreenMail.class);
                GreenMailUser user = server.setUser(address, address, "bench-" + box);
                MailFolder inbox = server.getManagers().getImapHostManager().getInbox(user);
                for (int i = 0; i < messages; i++) {
                    inbox.appendMessage(message(session, address, box, i), new Flags(), new Date());
                }
            }
        }
        if (dovecot != null) {
            dovecot.handOver();
        }
        System.out.printf("mailboxes: %d × %d messages stored in %.1f s (%s)%n", mailboxes, messages,
                (System.nanoTime() - filling) / 1e9, dovecot != null ? "Dovecot" : "the embedded server");
    }

    private static void measure(BenchApplication app, int imapPort, int mailboxes, int messages, int steadySeconds) throws Exception {
        int smtpPort = BenchApplication.intProperty("bench.smtp-port", 3125);
        ConnectedMailboxes connected = app.bean(ConnectedMailboxes.class);
        Timer reads = app.bean(MeterRegistry.class).timer("leadflow.mail.inbox.reads");
        long start = System.nanoTime();
        for (int box = 0; box < mailboxes; box++) {
            String address = "bench-rep" + box + "@leadflow.local";
            connected.save("bench-rep" + box, new MailboxRequest(address, "127.0.0.1", smtpPort, "NONE", "127.0.0.1", imapPort,
                    "NONE", address, "bench-" + box, null, null));
        }
        while (mailboxesRead(messages) < mailboxes) {
            Thread.sleep(100);
        }
        double firstSync = (System.nanoTime() - start) / 1e9;
        System.out.printf("mailboxes: first sync of %d × %d messages in %.1f s (%.0f messages/s)%n", mailboxes, messages,
                firstSync, mailboxes * messages / firstSync);

        long readsBefore = reads.count();
        double secondsBefore = reads.totalTime(TimeUnit.SECONDS);
        long statementsBefore = BenchApplication.statementCounter().statements();
        Thread.sleep(steadySeconds * 1000L);
        long steadyReads = reads.count() - readsBefore;
        double steadySeconds2 = reads.totalTime(TimeUnit.SECONDS) - secondsBefore;
        long statements = BenchApplication.statementCounter().statements() - statementsBefore;
        // Leadflow's own inbox and the dev profile's reps are read too: a poll reads all of them.
        int readPerPoll = connected.readable().size();
        double polls = (double) steadyReads / readPerPoll;
        System.out.printf("mailboxes: steady state, %d reads in %d s: %.1f ms per mailbox read, %.0f statements per poll of %d mailboxes "
                        + "(%.1f per mailbox)%n", steadyReads, steadySeconds, 1000 * steadySeconds2 / Math.max(1, steadyReads),
                statements / Math.max(1, polls), readPerPoll, statements / Math.max(1.0, steadyReads));
    }

    private static MimeMessage message(Session session, String to, int box, int i) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("colleague" + (i % 500) + "@proveedor" + (i % 37) + ".example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Agenda del jueves #" + i);
        message.setText(BODY, "UTF-8");
        message.setHeader("Message-ID", "<bench-" + box + "-" + i + "@proveedor.example>");
        message.saveChanges();
        message.setHeader("Message-ID", "<bench-" + box + "-" + i + "@proveedor.example>");
        return message;
    }

    /** The mailboxes whose last UID read is their newest message's. */
    private static int mailboxesRead(int messages) throws Exception {
        try (Connection db = BenchApplication.connect(); PreparedStatement query = db.prepareStatement(
                "select count(*) from mailbox_folder_read where mailbox like 'bench-rep%' and last_uid >= ?")) {
            query.setLong(1, messages);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
