package io.leadflow.engine;

import io.leadflow.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * leadflow as a user runs it (its own JVM, the dev profile, the embedded engine with its data directory, PostgreSQL)
 * killed with -9 under load: leads posted at 20 a second with three kills while they arrive, then a burst of reps'
 * completions with a kill in the middle. Nothing a client was told is lost or doubled, at most one mail is resent
 * per kill. How long everything takes to settle after the last restart is measured and printed, not asserted: on a busy
 * machine it says how busy the machine was. What bounds it is set where it is decided: every job's timeout is at most
 * 30 s ({@code JobTimeoutsIT}) and a process start's lease 20 s ({@code IntakeProperties}).
 *
 * <p>The SMTP/IMAP server (GreenMail, as leadflow embeds it) runs in this test's JVM rather than in leadflow's: the
 * embedded one dies with the killed JVM and forgets what it received, so a mail resent after a kill could not be
 * seen. A team's mail server outlives leadflow the same way.
 */
@Order(1) // one of the longest classes: started first (junit-platform.properties)
class CrashUnderLoadIT {

    private static final String DATABASE = "leadflow_crash_load";
    private static final int LEADS = 400;
    private static final int LEADS_PER_SECOND = 20;
    private static final int KILLS_WHILE_POSTING = 3;
    /** Every tenth lead does not fit (a student): its journey ends DISQUALIFIED, without a First contact. */
    private static final int DISQUALIFIED_EVERY = 10;
    private static final int COMPLETIONS = 120;
    private static final int REPS_CLICKING = 12;
    /** How long this test waits for anything on a busy machine (not a promise of leadflow's). */
    private static final Duration PATIENCE = Duration.ofMinutes(8);
    private static final String INBOX = "leadflow@leadflow.local";

    private final Path dataDir = Path.of("target", "crash-under-load-engine").toAbsolutePath();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ChildJvm.Ports ports = ChildJvm.Ports.free();
    private TestDatabase database;
    private GreenMail mailServer;
    private ChildJvm leadflow;
    /** Read by the clients' threads: no answer comes between a kill and this count going up. */
    private volatile int kills;
    private Instant lastReady;
    private SingleConnectionDataSource dataSource;
    private JdbcClient db;

    @BeforeEach
    void freshDatabaseDataDirectoryAndMailServer() throws IOException {
        database = TestDatabase.create(DATABASE);
        FileSystemUtils.deleteRecursively(dataDir);
        dataSource = new SingleConnectionDataSource(database.url(), "postgres", "", true);
        db = JdbcClient.create(dataSource);
        mailServer = new GreenMail(new ServerSetup[] {
                new ServerSetup(ports.smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(ports.imap(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mailServer.withConfiguration(GreenMailConfiguration.aConfig().withUser(INBOX, INBOX, "leadflow"));
        mailServer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (leadflow != null) {
            leadflow.close();
        }
        mailServer.stop();
        dataSource.destroy();
        database.drop();
    }

    @Test
    void leadsAndCompletionsSurviveKillsUnderLoadAndSettleWithinAMinute() throws Exception {
        leadflow = startLeadflow("load-first-start");
        List<Lead> leads = postLeadsWithKills();
        List<Lead> mqls = leads.stream().filter(Lead::mql).toList();

        Duration leadsSettled = settled(lastReady, () -> leadsWithFirstContact() == mqls.size()
                && stageCount("DISQUALIFIED") == leads.size() - mqls.size()
                && processStartsPending() == 0, this::incidents);
        report("leads: %d accepted (%d posts retried after a kill), %d kills; settled %d ms after the last restart's ready",
                leads.size(), leads.stream().filter(lead -> lead.tries() > 1).count(), kills, leadsSettled.toMillis());

        everyAcceptedLeadIsStoredOnceAtItsStageWithOneFirstContact(leads);
        theProcessViewCountsEveryLiveJourney(mqls.size(), Map.of("lead-journey", (long) mqls.size(),
                "lead-sequence", (long) mqls.size()));
        atMostOneMailResentPerKill(mqls.size());

        List<Completion> completions = completeFirstContactsWithAKill(mqls.subList(0, COMPLETIONS));
        Duration completionsSettled = settled(lastReady, () -> firstContactsDelivered() == COMPLETIONS
                && leadsWithTask("Qualify lead") == COMPLETIONS, this::completionsNotSettled);
        report("completions: %d answered before the kill; %d cut by it (%d of them recorded before it, found closed when the rep"
                        + " tried again); %d after the restart; settled %d ms after the restart's ready",
                completions.stream().filter(c -> c.answered() && c.killsBefore() == KILLS_WHILE_POSTING).count(),
                completions.stream().filter(c -> c.tries() > 1).count(), completions.stream().filter(c -> !c.answered()).count(),
                completions.stream().filter(c -> c.tries() == 1 && c.killsBefore() > KILLS_WHILE_POSTING).count(),
                completionsSettled.toMillis());

        everyCompletionIsKeptOnceWithItsOutcomeAndTheProcessMovedOn(completions);
        theProcessViewCountsEveryLiveJourney(mqls.size(), Map.of("lead-journey", (long) mqls.size(),
                "lead-sequence", (long) mqls.size() - COMPLETIONS, "lead-explore", (long) COMPLETIONS));
        atMostOneMailResentPerKill(mqls.size());
    }

    // --- 1. leads at 20/s, three kills while they arrive --------------------------------------------------------

    /** A lead as posted, with the id leadflow answered (2xx) and how many tries it took. */
    private record Lead(int n, boolean mql, String email, UUID id, int tries) {
    }

    /**
     * Posts at 20 a second, as a form backend does; at each hundredth lead leadflow is killed and restarted, the
     * schedule going on once it is ready. A post that got no answer (leadflow was down) is retried with the same
     * payload: intake knows the person by the email and answers the same id.
     */
    private List<Lead> postLeadsWithKills() throws Exception {
        List<Future<Lead>> posts = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / LEADS_PER_SECOND;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            long next = System.nanoTime();
            for (int n = 0; n < LEADS; n++) {
                if (n > 0 && n % (LEADS / (KILLS_WHILE_POSTING + 1)) == 0) {
                    killAndRestart("load-kill-" + (kills + 1) + "-posting");
                    next = System.nanoTime();
                }
                LockSupport.parkNanos(next - System.nanoTime());
                int lead = n;
                posts.add(clients.submit(() -> post(lead)));
                next += interval;
            }
            List<Lead> leads = new ArrayList<>();
            for (Future<Lead> post : posts) {
                leads.add(post.get(TaskListBrowser.CLIENT_PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS));
            }
            return leads;
        }
    }

    private Lead post(int n) throws Exception {
        boolean mql = n % DISQUALIFIED_EVERY != 0;
        String email = "load" + n + "@andesnet.co";
        Map<String, Object> payload = Map.of("type", "FORM_FILL", "email", email, "firstName", "Lucía" + n,
                "lastName", "Gómez", "company", "AndesNet", "country", "CO", "source", "ebook",
                "jobTitle", mql ? "Director de Marketing" : "Estudiante de marketing");
        HttpRequest request = HttpRequest.newBuilder(uri("/api/leads")).timeout(TaskListBrowser.REQUEST_TIMEOUT)
                .header(HttpHeaders.AUTHORIZATION, "Bearer dev-api-key")
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload))).build();
        long deadline = System.nanoTime() + TaskListBrowser.CLIENT_PATIENCE.toNanos();
        for (int tries = 1; System.nanoTime() < deadline; tries++) {
            Optional<HttpResponse<String>> answer = TaskListBrowser.send(http, request);
            if (answer.isPresent() && answer.get().statusCode() / 100 == 2) {
                UUID id = UUID.fromString(json.readTree(answer.get().body()).get("id").asText());
                return new Lead(n, mql, email, id, tries);
            }
            assertThat(answer.map(HttpResponse::statusCode).orElse(503)).as("lead %d refused: %s", n, answer.map(HttpResponse::body))
                    .isGreaterThanOrEqualTo(500);
            Thread.sleep(TaskListBrowser.CLIENT_BACKOFF);
        }
        throw new AssertionError("lead " + n + " got no answer within " + TaskListBrowser.CLIENT_PATIENCE);
    }

    private void everyAcceptedLeadIsStoredOnceAtItsStageWithOneFirstContact(List<Lead> leads) {
        Map<String, UUID> stored = new HashMap<>();
        Map<UUID, String> stages = new HashMap<>();
        db.sql("select id, email, stage from lead").query(rs -> {
            stored.put(rs.getString("email"), rs.getObject("id", UUID.class));
            stages.put(rs.getObject("id", UUID.class), rs.getString("stage"));
        });
        assertThat(stored).as("one lead per person, none but those posted").hasSize(LEADS);
        Map<UUID, Long> firstContacts = countsPerLead("select lead_id, count(*) from rep_task where name = 'First contact' group by lead_id");
        Map<UUID, Long> starts = countsPerLead("select lead_id, count(*) from lead_event where type = 'PROCESS_STARTED' group by lead_id");
        List<String> wrong = new ArrayList<>();
        for (Lead lead : leads) {
            String expectedStage = lead.mql() ? "MQL" : "DISQUALIFIED";
            long expectedFirstContacts = lead.mql() ? 1 : 0;
            if (!lead.id().equals(stored.get(lead.email())) || !expectedStage.equals(stages.get(lead.id()))
                    || firstContacts.getOrDefault(lead.id(), 0L) != expectedFirstContacts || starts.getOrDefault(lead.id(), 0L) != 1) {
                wrong.add("lead %d (answered %s, %d tries): stored as %s, stage %s, %d First contacts, %d process starts".formatted(
                        lead.n(), lead.id(), lead.tries(), stored.get(lead.email()), stages.get(lead.id()),
                        firstContacts.getOrDefault(lead.id(), 0L), starts.getOrDefault(lead.id(), 0L)));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(db.sql("select count(*) from rep_task where name = 'First contact' and status <> 'OPEN'").query(Long.class).single())
                .as("First contacts closed by anything but a rep").isZero();
    }

    // --- 2. a burst of completions, a kill in the middle ---------------------------------------------------------

    /** A lead's open First contact, as its rep sees it in the task list. */
    private record FirstContact(Lead lead, long jobKey, String assignee) {
    }

    /**
     * A rep's completion of a First contact: answered (the task list's redirect) or found recorded after the kill; the
     * tries it took and how many kills there had been when it ended.
     */
    private record Completion(FirstContact task, String notes, boolean answered, int tries, int killsBefore) {
    }

    /**
     * Reps complete the leads' First contacts in the task list as a browser does (sign in, open the task, post its
     * form), many at once; leadflow is killed when half have been answered and restarted. A completion that got no
     * answer is tried again after the restart, as the rep would: it is answered then, or the task is closed already
     * (its completion was recorded before the kill cut the answer).
     */
    private List<Completion> completeFirstContactsWithAKill(List<Lead> called) throws Exception {
        ConcurrentLinkedQueue<FirstContact> toCall = new ConcurrentLinkedQueue<>();
        for (Lead lead : called) {
            // The task as the rep's list shows it (read from its table: one query instead of paging the list).
            toCall.add(db.sql("select job_key, assignee from rep_task where lead_id = ? and name = 'First contact' and status = 'OPEN'")
                    .param(lead.id()).query((rs, row) -> new FirstContact(lead, rs.getLong("job_key"), rs.getString("assignee"))).single());
        }
        AtomicInteger answered = new AtomicInteger();
        List<Future<List<Completion>>> reps = new ArrayList<>();
        try (ExecutorService browsers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REPS_CLICKING; i++) {
                reps.add(browsers.submit(() -> {
                    Map<String, TaskListBrowser> signedIn = new HashMap<>();
                    List<Completion> done = new ArrayList<>();
                    for (FirstContact task = toCall.poll(); task != null; task = toCall.poll()) {
                        String notes = "Connected in the burst, lead " + task.lead().n();
                        TaskListBrowser.Completed completed = signedIn.computeIfAbsent(task.assignee(),
                                        rep -> new TaskListBrowser(rep, () -> uri("/")))
                                .complete(task.jobKey(), "outcome=connected&notes=" + TaskListBrowser.encode(notes));
                        Completion completion = new Completion(task, notes, completed.answered(), completed.tries(), kills);
                        if (completion.answered()) {
                            answered.incrementAndGet();
                        }
                        done.add(completion);
                    }
                    return done;
                }));
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> answered.get() >= COMPLETIONS / 2);
            killAndRestart("load-kill-" + (kills + 1) + "-completing");
            List<Completion> completions = new ArrayList<>();
            for (Future<List<Completion>> rep : reps) {
                completions.addAll(rep.get(TaskListBrowser.CLIENT_PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS));
            }
            assertThat(completions).hasSize(COMPLETIONS);
            return completions;
        }
    }

    private void everyCompletionIsKeptOnceWithItsOutcomeAndTheProcessMovedOn(List<Completion> completions) {
        List<String> wrong = new ArrayList<>();
        for (Completion completion : completions) {
            UUID lead = completion.task().lead().id();
            Map<String, Object> task = db.sql("""
                            select status, delivery, completed_by, result ->> 'outcome' as outcome, result ->> 'notes' as notes
                            from rep_task where job_key = ? and lead_id = ?""")
                    .params(completion.task().jobKey(), lead).query().singleRow();
            long completed = db.sql("select count(*) from lead_event where lead_id = ? and type = 'TASK_COMPLETED' and details ->> 'task' = 'First contact'")
                    .param(lead).query(Long.class).single();
            long cancelled = db.sql("select count(*) from lead_event where lead_id = ? and type = 'TASK_CANCELLED'")
                    .param(lead).query(Long.class).single();
            Map<String, Object> attempt = db.sql("select status, outcome from sequence_attempt where lead_id = ? and step = 1")
                    .param(lead).query().singleRow();
            long qualify = db.sql("select count(*) from rep_task where lead_id = ? and name = 'Qualify lead'").param(lead).query(Long.class).single();
            boolean kept = "COMPLETED".equals(task.get("status")) && "DELIVERED".equals(task.get("delivery"))
                    && "connected".equals(task.get("outcome")) && completion.notes().equals(task.get("notes"))
                    && completion.task().assignee().equals(task.get("completed_by"));
            if (!kept || completed != 1 || cancelled != 0 || !"DONE".equals(attempt.get("status"))
                    || !"connected".equals(attempt.get("outcome")) || qualify != 1) {
                wrong.add("lead %d, task %d (%s after %d tries): task %s, %d TASK_COMPLETED, %d TASK_CANCELLED, attempt %s, %d Qualify lead"
                        .formatted(completion.task().lead().n(), completion.task().jobKey(), completion.answered() ? "answered" : "closed when retried",
                                completion.tries(), task, completed, cancelled, attempt, qualify));
            }
        }
        assertThat(wrong).isEmpty();
    }

    // --- what both parts check -----------------------------------------------------------------------------------

    /** The process view (GET /api/reports/process) shows each live journey once, and no incident. */
    private void theProcessViewCountsEveryLiveJourney(int liveJourneys, Map<String, Long> liveInstances) throws Exception {
        await().atMost(PATIENCE).until(() -> {
            Map<String, Long> shown = new HashMap<>();
            JsonNode view = apiGet("/api/reports/process");
            view.get("processes").forEach(process -> shown.put(process.get("bpmnProcessId").asText(), process.get("waiting").asLong()));
            return shown.entrySet().containsAll(liveInstances.entrySet()) && view.get("incidents").isEmpty();
        });
        assertThat(db.sql("select count(*) from lead_process where ended_at is null and lost_at is null").query(Long.class).single())
                .isEqualTo(liveJourneys);
    }

    /**
     * Every mail in the outbox is sent and in its recipient's mailbox (read over IMAP, as a mail client does); a mail
     * in a mailbox more than once (same Message-ID) was resent after a kill: at most one per kill.
     */
    private void atMostOneMailResentPerKill(int repNotifications) throws Exception {
        long resent = ReceivedMail.resent(db, ports.imap(), PATIENCE);
        assertThat(db.sql("select count(distinct lead_id) from outbound_mail where idempotency_key like 'rep-notification:%'")
                .query(Long.class).single()).as("reps notified once per MQL").isEqualTo(repNotifications);
        report("mail: %d sent, %d resent after %d kills", db.sql("select count(*) from outbound_mail").query(Long.class).single(),
                resent, kills);
        assertThat(resent).as("mails resent after %d kills", kills).isLessThanOrEqualTo(kills);
    }

    // --- leadflow, killed and restarted --------------------------------------------------------------------------

    private ChildJvm startLeadflow(String name) throws Exception {
        ChildJvm started = ChildJvm.leadflow(name, ports, database, List.of(
                "--spring.profiles.active=dev",
                "--leadflow.engine.data-dir=" + dataDir,
                "--leadflow.mail.embedded.enabled=false"));
        lastReady = Instant.now();
        return started;
    }

    private void killAndRestart(String name) throws Exception {
        Instant killed = Instant.now();
        leadflow.kill();
        kills++;
        leadflow = startLeadflow(name);
        report("kill %d: ready again %d ms after the kill", kills, Duration.between(killed, lastReady).toMillis());
    }

    /**
     * Waits (patiently) for {@code settled} and answers how long after {@code since} it held; when it does not hold,
     * fails saying {@code whatIsLeft}.
     */
    private static Duration settled(Instant since, BooleanSupplier settled, Supplier<String> whatIsLeft) {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(settled::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not settled within " + PATIENCE + ": " + whatIsLeft.get(), e);
        }
        return Duration.between(since, Instant.now());
    }

    /** The completions still on their way to the engine, the leads whose process did not move on, and the incidents. */
    private String completionsNotSettled() {
        return "First contacts completed, not delivered: " + db.sql("""
                        select job_key || ' ' || delivery || ' after ' || delivery_attempts || ' tries' from rep_task
                        where name = 'First contact' and status = 'COMPLETED' and delivery <> 'DELIVERED'""")
                .query(String.class).list()
                + "; leads completed without a Qualify lead: " + db.sql("""
                        select cast(lead_id as text) from rep_task done where name = 'First contact' and status = 'COMPLETED'
                        and not exists (select 1 from rep_task next where next.lead_id = done.lead_id and next.name = 'Qualify lead')""")
                .query(String.class).list()
                + "; " + incidents();
    }

    private String incidents() {
        return "incidents: " + db.sql("select lead_id || ': ' || (details ->> 'errorMessage') from lead_event where type = 'INCIDENT_RAISED'")
                .query(String.class).list();
    }

    private long leadsWithFirstContact() {
        return leadsWithTask("First contact");
    }

    private long leadsWithTask(String name) {
        return db.sql("select count(distinct lead_id) from rep_task where name = ?").param(name).query(Long.class).single();
    }

    private long stageCount(String stage) {
        return db.sql("select count(*) from lead where stage = ?").param(stage).query(Long.class).single();
    }

    private long processStartsPending() {
        return db.sql("select count(*) from lead_process where started_at is null").query(Long.class).single();
    }

    private long firstContactsDelivered() {
        return db.sql("select count(*) from rep_task where name = 'First contact' and status = 'COMPLETED' and delivery = 'DELIVERED'")
                .query(Long.class).single();
    }

    private Map<UUID, Long> countsPerLead(String sql) {
        Map<UUID, Long> counts = new HashMap<>();
        db.sql(sql).query(rs -> {
            counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
        return counts;
    }

    private JsonNode apiGet(String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer dev-api-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s", path).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ports.http() + path);
    }

    private static void report(String format, Object... arguments) {
        System.out.println("CrashUnderLoadIT: " + format.formatted(arguments));
    }
}
