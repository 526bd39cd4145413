package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadflow.FreePorts;
import io.leadflow.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two leadflow nodes, each a JVM of its own, against one engine (the standalone engine in a third JVM, as a cluster)
 * and one PostgreSQL, with the team's mail server in this test's JVM. Leads are posted to both, some leads reply by
 * mail, reps complete First contacts on one node, which is killed (-9) half-way: the reps go on on the other. Every
 * lead gets one process and one First contact, the reps take turns (counts differ by at most one), every mail is sent
 * once (at most one resent for the kill), every reply is told once, every completion kept once, and what both nodes
 * schedule (the inbox poll, the reconcile, the outbox's dispatch) does nothing twice.
 */
@Order(Integer.MAX_VALUE - 1) // one of the longest classes: next to last, taken second from the back (junit-platform.properties)
class TwoNodesIT {

    private static final int LEADS = 24;
    private static final int REPLIES = 6;
    private static final int COMPLETIONS = 12;
    private static final int REPS_CLICKING = 4;
    private static final String INBOX = "leadflow@leadflow.local";
    /** How long this test waits for anything on a busy machine (not a promise of leadflow's). */
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final Path dataDir = Path.of("target", "two-nodes-engine").toAbsolutePath();
    private final int engine = FreePorts.pick();
    private final int smtp = FreePorts.pick();
    private final int imap = FreePorts.pick();
    private final ChildJvm.Ports portsA = new ChildJvm.Ports(FreePorts.pick(), smtp, imap, engine);
    private final ChildJvm.Ports portsB = new ChildJvm.Ports(FreePorts.pick(), smtp, imap, engine);
    private TestDatabase database;
    private GreenMail mailServer;
    private SingleConnectionDataSource dataSource;
    private JdbcClient db;
    private final List<ChildJvm> jvms = new ArrayList<>();
    /** Where the reps' browsers go: node B until it is killed, then node A. */
    private volatile ChildJvm.Ports reps;

    @BeforeEach
    void oneDatabaseOneMailServer() throws IOException {
        database = TestDatabase.create("leadflow_two_nodes");
        FileSystemUtils.deleteRecursively(dataDir);
        dataSource = new SingleConnectionDataSource(database.url(), "postgres", "", true);
        db = JdbcClient.create(dataSource);
        mailServer = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mailServer.withConfiguration(GreenMailConfiguration.aConfig().withUser(INBOX, INBOX, "leadflow"));
        mailServer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (ChildJvm jvm : jvms) {
            jvm.close();
        }
        mailServer.stop();
        dataSource.destroy();
        database.drop();
    }

    @Test
    void twoNodesDoEverythingOnceAndOneGoesOnAloneWhenTheOtherIsKilled() throws Exception {
        ChildJvm cluster = started(ChildJvm.start("two-nodes-engine", "io.leadflow.engine.embedded.StandaloneEngine",
                List.of(dataDir.toString(), "127.0.0.1", String.valueOf(engine))));
        cluster.awaitReady(Duration.ofMinutes(5), () -> ChildJvm.listening(engine));
        started(node("a", portsA));
        ChildJvm nodeB = started(node("b", portsB));
        reps = portsB;

        List<UUID> leads = new ArrayList<>();
        for (int n = 0; n < LEADS; n++) {
            leads.add(post(n % 2 == 0 ? portsA : portsB, n));
        }
        await().atMost(PATIENCE).until(() -> leadsWithTask("First contact") == LEADS);

        for (int n = 0; n < REPLIES; n++) {
            replyAsALeadDoes(n);
        }
        List<Long> completed = completeFirstContactsKillingNodeB(leads.subList(REPLIES, REPLIES + COMPLETIONS), nodeB);

        // A reply ends the sequence as a connected call does: the lead goes on to qualification.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(List.of(leadsWithTask("Qualify lead"),
                count("select count(distinct lead_id) from lead_event where type = 'REPLIED'")))
                .as("leads to qualify, leads that replied").containsExactly((long) COMPLETIONS + REPLIES, (long) REPLIES));
        everyLeadHasOneProcessAndOneFirstContactAndTheRepsTookTurns(leads);
        everyCompletionIsKeptOnce(completed);
        everyReplyIsToldOnce(leads.subList(0, REPLIES));
        theUntouchedFirstContactsAreStillOpenAndNoProcessIsLost(leads.subList(REPLIES + COMPLETIONS, LEADS));
        assertThat(count("select count(distinct lead_id) from outbound_mail where idempotency_key like 'rep-notification:%'"))
                .as("reps told of every lead").isEqualTo(LEADS);
        assertThat(ReceivedMail.resent(db, imap, PATIENCE)).as("mails resent after the kill").isLessThanOrEqualTo(1);
    }

    /** A leadflow node as a team runs several: the cluster's address, the team's mail server, two reps in one team. */
    private ChildJvm node(String name, ChildJvm.Ports ports) throws Exception {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.profiles.active=dev",
                "--leadflow.engine.mode=remote",
                "--camunda.client.grpc-address=http://127.0.0.1:" + engine,
                // The standalone engine serves no REST API (the process view is not asked here).
                "--camunda.client.rest-address=http://127.0.0.1:" + FreePorts.pick(),
                "--leadflow.mail.embedded.enabled=false"));
        for (String rep : List.of("ana", "ben")) {
            String at = "--leadflow.assignment.reps[" + (rep.equals("ana") ? 0 : 1) + "].";
            settings.addAll(List.of(at + "username=" + rep, at + "name=" + rep, at + "email=" + rep + "@leadflow.local",
                    at + "password=" + TaskListBrowser.PASSWORDS.get(rep), at + "team=latam"));
        }
        return ChildJvm.leadflow("node-" + name, ports, database, settings);
    }

    private ChildJvm started(ChildJvm jvm) {
        jvms.add(jvm);
        return jvm;
    }

    private UUID post(ChildJvm.Ports node, int n) {
        JsonNode created = node.api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "FORM_FILL", "email", email(n), "firstName", "Lucía" + n, "lastName", "Gómez",
                        "jobTitle", "Director de Marketing", "company", "AndesNet", "country", "CO", "source", "ebook"))
                .retrieve().body(JsonNode.class);
        return UUID.fromString(created.get("id").asText());
    }

    private static String email(int n) {
        return "nodes" + n + "@andesnet.co";
    }

    /** The lead writes to the team's inbox, which both nodes read. */
    private void replyAsALeadDoes(int n) throws MessagingException {
        Properties smtpSettings = new Properties();
        smtpSettings.setProperty("mail.smtp.host", "127.0.0.1");
        smtpSettings.setProperty("mail.smtp.port", String.valueOf(smtp));
        MimeMessage reply = new MimeMessage(Session.getInstance(smtpSettings));
        reply.setFrom(new InternetAddress(email(n)));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(INBOX));
        reply.setSubject("Re: AndesNet");
        reply.setText("Hola, sí me interesa. ¿Hablamos el jueves?", "UTF-8");
        Transport.send(reply);
    }

    /**
     * Reps complete the First contacts in the task list of node B, a few at once; node B is killed when half are
     * answered, and the reps go on on node A (their session died with B: they sign in again there). Answers the tasks.
     */
    private List<Long> completeFirstContactsKillingNodeB(List<UUID> called, ChildJvm nodeB) throws Exception {
        ConcurrentLinkedQueue<Map<String, Object>> toCall = new ConcurrentLinkedQueue<>();
        for (UUID lead : called) {
            toCall.add(db.sql("select job_key, assignee from rep_task where lead_id = ? and name = 'First contact'")
                    .param(lead).query().singleRow());
        }
        List<Long> jobKeys = toCall.stream().map(task -> ((Number) task.get("job_key")).longValue()).toList();
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> browsers = new ArrayList<>();
        try (ExecutorService clicking = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REPS_CLICKING; i++) {
                browsers.add(clicking.submit(() -> {
                    Map<String, TaskListBrowser> signedIn = new HashMap<>();
                    for (Map<String, Object> task = toCall.poll(); task != null; task = toCall.poll()) {
                        TaskListBrowser.Completed done = signedIn.computeIfAbsent((String) task.get("assignee"),
                                        rep -> new TaskListBrowser(rep, () -> URI.create("http://127.0.0.1:" + reps.http())))
                                .complete(((Number) task.get("job_key")).longValue(), "outcome=connected&notes=" + TaskListBrowser.encode("Connected"));
                        if (done.answered()) {
                            answered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> answered.get() >= COMPLETIONS / 2);
            nodeB.kill();
            reps = portsA;
            for (Future<?> browser : browsers) {
                browser.get(TaskListBrowser.CLIENT_PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
        }
        return jobKeys;
    }

    private void everyLeadHasOneProcessAndOneFirstContactAndTheRepsTookTurns(List<UUID> leads) {
        assertThat(perLead("select lead_id, count(*) from lead_event where type = 'PROCESS_STARTED' group by lead_id"))
                .as("one process per lead").hasSize(LEADS).allSatisfy((lead, starts) -> assertThat(starts).isOne())
                .containsOnlyKeys(leads);
        assertThat(perLead("select lead_id, count(*) from rep_task where name = 'First contact' group by lead_id"))
                .as("one First contact per lead").hasSize(LEADS).allSatisfy((lead, tasks) -> assertThat(tasks).isOne());
        List<Long> turns = db.sql("select count(*) from rep_task where name = 'First contact' group by assignee")
                .query(Long.class).list();
        assertThat(turns).as("First contacts per rep").hasSize(2);
        assertThat(turns.stream().mapToLong(Long::longValue).max().orElseThrow()
                - turns.stream().mapToLong(Long::longValue).min().orElseThrow()).as("the reps took turns").isLessThanOrEqualTo(1);
    }

    private void everyCompletionIsKeptOnce(List<Long> jobKeys) {
        for (long jobKey : jobKeys) {
            Map<String, Object> task = db.sql("select lead_id, status, delivery, result ->> 'outcome' as outcome from rep_task where job_key = ?")
                    .param(jobKey).query().singleRow();
            assertThat(task).as("task %d", jobKey).containsEntry("status", "COMPLETED").containsEntry("delivery", "DELIVERED")
                    .containsEntry("outcome", "connected");
            UUID lead = (UUID) task.get("lead_id");
            assertThat(count("select count(*) from lead_event where lead_id = ? and type = 'TASK_COMPLETED'", lead)).as("lead %s", lead).isOne();
            assertThat(count("select count(*) from rep_task where lead_id = ? and name = 'Qualify lead'", lead)).as("lead %s", lead).isOne();
        }
    }

    private void everyReplyIsToldOnce(List<UUID> replied) {
        for (UUID lead : replied) {
            assertThat(count("select count(*) from inbound_mail where lead_id = ?", lead)).as("lead %s's reply read", lead).isOne();
            assertThat(count("select count(*) from lead_event where lead_id = ? and type = 'REPLIED'", lead)).as("lead %s told", lead).isOne();
            assertThat(db.sql("select status from rep_task where lead_id = ? and name = 'First contact'").param(lead)
                    .query(String.class).single()).as("lead %s's First contact, withdrawn by the reply", lead).isEqualTo("CANCELLED");
            assertThat(count("select count(*) from rep_task where lead_id = ? and name = 'Qualify lead'", lead)).as("lead %s", lead).isOne();
        }
    }

    private void theUntouchedFirstContactsAreStillOpenAndNoProcessIsLost(List<UUID> untouched) {
        for (UUID lead : untouched) {
            assertThat(db.sql("select status from rep_task where lead_id = ? and name = 'First contact'").param(lead)
                    .query(String.class).single()).as("lead %s", lead).isEqualTo("OPEN");
        }
        assertThat(count("select count(*) from lead_process where lost_at is not null")).as("processes marked lost").isZero();
    }

    private long leadsWithTask(String name) {
        return count("select count(distinct lead_id) from rep_task where name = ?", name);
    }

    private long count(String sql, Object... parameters) {
        return db.sql(sql).params(parameters).query(Long.class).single();
    }

    private Map<UUID, Long> perLead(String sql) {
        Map<UUID, Long> counts = new HashMap<>();
        db.sql(sql).query(rs -> {
            counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
        return counts;
    }
}
