package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import io.leadflow.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.web.client.RestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * leadflow as a user runs it (its own JVM, the README's defaults: embedded engine with its data
 * directory, PostgreSQL, embedded mail server), killed with -9 in the middle of work, then stopped
 * gracefully with time passing while it is down: no lead, task, timer or email is lost or doubled.
 */
// One of the longest classes: last in the order, so the thread that takes classes from the back starts with it
// (junit-platform.properties).
@Order(Integer.MAX_VALUE)
class CrashRecoveryIT {

    // Enough that the restarts meet a burst (a hundred timers due at once, jobs taken by the killed JVM); the load itself,
    // kills while leads arrive, is CrashUnderLoadIT's.
    private static final int MQL_LEADS = 105;
    private static final int DISQUALIFIED_LEADS = 15;
    private static final int LEADS = MQL_LEADS + DISQUALIFIED_LEADS;
    private static final Duration PATIENCE = Duration.ofMinutes(8);
    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final BusinessHoursCalendar CALENDAR = new BusinessHoursCalendar(Clock.systemUTC(),
            new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));

    private final Path dataDir = Path.of("target", "crash-recovery-engine").toAbsolutePath();
    private final ChildJvm.Ports ports = ChildJvm.Ports.free();
    private final RestClient api = ports.api();
    private ChildJvm leadflow;
    private TestDatabase database;
    private JdbcClient db;
    private SingleConnectionDataSource dataSource;

    @BeforeEach
    void freshDatabaseAndDataDirectory() throws Exception {
        database = TestDatabase.create("leadflow_crash");
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        dataSource = new SingleConnectionDataSource(database.url(), "postgres", "", true);
        db = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stopLeadflow() throws Exception {
        if (leadflow != null) {
            leadflow.close();
        }
        dataSource.destroy();
        database.drop();
    }

    @Test
    void liveSequencesSurviveAKillAndARestartWithTimePassingWhileDown() throws Exception {
        leadflow = startLeadflow("before-kill");
        List<UUID> mqls = Collections.synchronizedList(new ArrayList<>());
        List<UUID> disqualified = Collections.synchronizedList(new ArrayList<>());
        int firstPart = LEADS * 3 / 4;
        postLeads(0, firstPart, mqls, disqualified);
        int firstPartMqls = mqls.size();
        await().atMost(PATIENCE).until(() -> openFirstContacts() == firstPartMqls);

        // Kill while work is under way: the rest of the leads are posted and stored, and leadflow is killed the moment
        // the last is answered, long before the last one can be through identify.
        postLeads(firstPart, LEADS, mqls, disqualified);
        leadflow.kill();
        assertThat(mqls).hasSize(MQL_LEADS);
        assertThat(disqualified).hasSize(DISQUALIFIED_LEADS);
        assertThat(openFirstContacts()).as("First contacts made before the kill").isBetween((long) firstPartMqls, MQL_LEADS - 1L);
        List<Map<String, Object>> openBeforeKill = openTasks();

        leadflow = startLeadflow("after-kill");
        // Jobs the killed leadflow had taken and not finished come back once their timeout passes.
        advanceClock(Duration.ofMinutes(10));
        await().atMost(PATIENCE).until(() -> openFirstContacts() == MQL_LEADS
                && stageCount("DISQUALIFIED") == DISQUALIFIED_LEADS);

        assertThat(openTasks()).containsAll(openBeforeKill);
        assertThat(db.sql("select lead_id from rep_task where name = 'First contact' group by lead_id having count(*) > 1")
                .query(UUID.class).list()).as("leads with more than one First contact").isEmpty();
        assertThat(db.sql("select count(*) from lead_process where started_at is not null").query(Long.class).single())
                .isEqualTo(LEADS);
        assertThat(db.sql("select count(*) from lead_event where type = 'PROCESS_STARTED'").query(Long.class).single())
                .isEqualTo(LEADS);
        assertThat(db.sql("select count(distinct lead_id) from outbound_mail where idempotency_key like 'rep-notification:%'")
                .query(Long.class).single()).as("reps notified once per MQL").isEqualTo(MQL_LEADS);

        // The clock moves on to a working moment in the leads' zone (a late attempt waits for one): the second attempt
        // (an email, day 2) runs for every lead, once.
        Instant now = Instant.parse(api.post().uri("/api/demo/clock?advance=PT0S").retrieve().body(JsonNode.class).get("now").asText());
        advanceClock(Duration.between(now, CALENDAR.nextWorkingMoment(now.plus(Duration.ofDays(5)), "CO", BOGOTA).toInstant()));
        await().atMost(PATIENCE).until(() -> attemptsDone(2) == MQL_LEADS);
        assertThat(db.sql("select count(*) from outbound_mail where idempotency_key like 'sequence:%:2'")
                .query(Long.class).single()).isEqualTo(MQL_LEADS);

        // A graceful stop (Ctrl-C, a deploy); the third attempt (a call) falls due while leadflow is down.
        leadflow.stop();
        Instant thirdAttempt = db.sql("select max(planned_at) from sequence_attempt where step = 3").query(Instant.class).single();
        Duration offset = Duration.parse(Files.readString(dataDir.resolve("clock-offset")).trim());
        Instant engineNow = Instant.now().plus(offset);
        Files.writeString(dataDir.resolve("clock-offset"), offset.plus(Duration.between(engineNow, thirdAttempt)).plusMinutes(1).toString());

        leadflow = startLeadflow("after-stop");
        await().atMost(PATIENCE).until(() -> openTasksOfStep(3) == MQL_LEADS);
        // Each row whole, so a failure says which tasks they were (open or withdrawn, which engine, when).
        assertThat(db.sql("""
                        select lead_id || ' ' || engine_id || ' ' || job_key || ' ' || element_id || ' ' || status || ' '
                               || created_at from rep_task
                        where attempt_step = 3 and lead_id in
                              (select lead_id from rep_task where attempt_step = 3 group by lead_id having count(*) > 1)
                        order by lead_id, created_at""").query(String.class).list())
                .as("leads with more than one step-3 task").isEmpty();
        // The manager's decision on a late first call, handed out whenever the load lets it, is of no attempt: closing it
        // settles none, and every third attempt waits for its call.
        assertThat(db.sql("select count(*) from rep_task where element_id = 'Task_SlaBreach' and attempt_step is not null")
                .query(Long.class).single()).as("manager's tasks with an attempt").isZero();
        assertThat(db.sql("select count(*) from sequence_attempt where step = 3 and status = 'PLANNED'").query(Long.class).single())
                .as("third attempts waiting for their call").isEqualTo(MQL_LEADS);
    }

    private ChildJvm startLeadflow(String name) throws Exception {
        return ChildJvm.leadflow(name, ports, database, List.of(
                "--spring.profiles.active=demo",
                "--leadflow.engine.data-dir=" + dataDir,
                // Every lead's second email goes at one moment: no mailbox's sending limit may spread them over days.
                "--leadflow.mail.limits.per-hour=1000", "--leadflow.mail.limits.per-day=1000"));
    }

    /** Posts leads {@code from} to {@code to} (every 7th of the first {@code 7 * DISQUALIFIED_LEADS} a student), 8 at a time; returns once all are answered. */
    private void postLeads(int from, int to, List<UUID> mqls, List<UUID> disqualified) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> posts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            boolean mql = !(i % 7 == 0 && i / 7 < DISQUALIFIED_LEADS);
            int n = i;
            posts.add(clients.submit(() -> {
                UUID id = post(n, mql);
                (mql ? mqls : disqualified).add(id);
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        clients.shutdown();
    }

    private UUID post(int n, boolean mql) {
        Map<String, Object> lead = Map.of("type", "FORM_FILL", "email", "crash" + n + "@andesnet.co",
                "firstName", "Carla" + n, "lastName", "Ruiz", "company", "AndesNet", "country", "CO",
                "jobTitle", mql ? "Director de Marketing" : "Estudiante de marketing", "source", "ebook");
        JsonNode created = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON).body(lead)
                .retrieve().body(JsonNode.class);
        return UUID.fromString(created.get("id").asText());
    }

    private void advanceClock(Duration duration) {
        api.post().uri("/api/demo/clock?advance={d}", duration.toString()).retrieve().toBodilessEntity();
    }

    private long openFirstContacts() {
        return db.sql("select count(*) from rep_task where name = 'First contact' and status = 'OPEN'").query(Long.class).single();
    }

    private long openTasksOfStep(int step) {
        return db.sql("select count(*) from rep_task where attempt_step = ? and status = 'OPEN'").param(step).query(Long.class).single();
    }

    private long attemptsDone(int step) {
        return db.sql("select count(*) from sequence_attempt where step = ? and status = 'DONE'").param(step).query(Long.class).single();
    }

    private long stageCount(String stage) {
        return db.sql("select count(*) from lead where stage = ?").param(stage).query(Long.class).single();
    }

    private List<Map<String, Object>> openTasks() {
        return db.sql("select engine_id, job_key, lead_id, name from rep_task where status = 'OPEN' order by job_key")
                .query().listOfRows();
    }
}
