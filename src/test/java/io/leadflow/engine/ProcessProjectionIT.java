package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import io.leadflow.engine.internal.ProcessEvent;
import io.leadflow.engine.internal.ProcessProjection;
import io.leadflow.engine.internal.ProcessProjectionRepository;
import io.leadflow.engine.internal.ProcessProjectionRepository.WaitingAt;
import io.leadflow.engine.internal.ProcessRecordDecoder;
import io.leadflow.engine.internal.ProjectionBatch;
import io.leadflow.FreePorts;
import io.leadflow.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process view projected from the real engine's log into PostgreSQL (a database of its own for each test): counts
 * that move as jobs complete, an incident that opens and resolves, a restart that counts nothing twice, and compaction
 * that leaves the unread log alone.
 */
class ProcessProjectionIT {

    private static final int PORT = FreePorts.pick();
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final BpmnModelInstance CALL_THEN_MAIL = Bpmn.createExecutableProcess("call-then-mail")
            .startEvent()
            .exclusiveGateway()
            .serviceTask("call", task -> task.zeebeJobType("call"))
            .serviceTask("mail", task -> task.zeebeJobType("mail"))
            .endEvent()
            .done();

    @TempDir
    Path data;
    private TestDatabase database;
    private SingleConnectionDataSource dataSource;
    private ProcessProjectionRepository repository;
    private final List<ProcessProjection> projections = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create("leadflow_projection");
        dataSource = new SingleConnectionDataSource(database.url(), "postgres", "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new ProcessProjectionRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @AfterEach
    void closeDatabase() {
        projections.forEach(ProcessProjection::stop);
        dataSource.destroy();
        database.drop();
    }

    @Test
    void waitingCountsFollowTheJobsAndAnIncidentOpensAndResolves() {
        try (EmbeddedZeebe engine = start(settings(Duration.ofMinutes(1))); CamundaClient client = client()) {
            follow(engine);
            client.newDeployResourceCommand().addProcessModel(CALL_THEN_MAIL, "call-then-mail.bpmn").send().join();
            for (int i = 0; i < 3; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("call-then-mail").latestVersion()
                        .variables(Map.of("leadId", "lead-" + i)).send().join();
            }
            awaitWaiting(Map.of("call", 3L));
            assertThat(repository.liveInstances()).containsEntry("call-then-mail", 3L);

            List<ActivatedJob> calls = activate(client, "call", 3);
            calls.subList(0, 2).forEach(job -> client.newCompleteCommand(job).send().join());
            awaitWaiting(Map.of("call", 1L, "mail", 2L));

            ActivatedJob failing = calls.get(2);
            client.newFailCommand(failing).retries(0).errorMessage("the phone line is down").send().join();
            await().atMost(PATIENCE).until(() -> repository.incidents(Incidents.LISTED).size() == 1);
            var incident = repository.incidents(Incidents.LISTED).getFirst();
            assertThat(repository.incident(incident.incidentKey())).contains(incident);
            assertThat(repository.countIncidents()).isEqualTo(1);
            assertThat(incident.bpmnProcessId()).isEqualTo("call-then-mail");
            assertThat(incident.elementId()).isEqualTo("call");
            assertThat(incident.leadId()).isEqualTo(failing.getVariablesAsMap().get("leadId"));
            assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
            assertThat(incident.errorMessage()).isEqualTo("the phone line is down");
            assertThat(incident.jobKey()).isEqualTo(failing.getKey());
            assertThat(repository.openIncidents()).containsEntry("call-then-mail", 1L);

            client.newUpdateRetriesCommand(failing.getKey()).retries(1).send().join();
            client.newResolveIncidentCommand(incident.incidentKey()).send().join();
            await().atMost(PATIENCE).until(() -> repository.incidents(Incidents.LISTED).isEmpty());

            activate(client, "call", 1).forEach(job -> client.newCompleteCommand(job).send().join());
            activate(client, "mail", 3).forEach(job -> client.newCompleteCommand(job).send().join());
            awaitWaiting(Map.of());
            assertThat(repository.liveInstances()).isEmpty();
        }
    }

    @Test
    void projectingTheSameRecordsAgainOrAfterARestartCountsNothingTwice() {
        try (EmbeddedZeebe engine = start(settings(Duration.ofMinutes(1))); CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(CALL_THEN_MAIL, "call-then-mail.bpmn").send().join();
            for (int i = 0; i < 4; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("call-then-mail").latestVersion().send().join();
            }
            List<ActivatedJob> calls = activate(client, "call", 4);
            client.newCompleteCommand(calls.getFirst()).send().join();
            follow(engine);
            awaitWaiting(Map.of("call", 3L, "mail", 1L));
            ProcessProjection stopped = projections.removeFirst();
            stopped.stop();

            // A crash after the commit and before the position was kept: the same records come again,
            // in other batches.
            List<ProcessEvent> events = new ArrayList<>();
            readAll(engine, stopped.position(), events);
            for (ProcessEvent event : events) {
                repository.apply(new ProjectionBatch(List.of(event), stopped.position()));
            }
            repository.apply(new ProjectionBatch(events, stopped.position()));
            assertThat(waiting()).isEqualTo(Map.of("call", 3L, "mail", 1L));

            // A restart goes on from the position kept.
            calls.subList(1, 4).forEach(job -> client.newCompleteCommand(job).send().join());
            follow(engine);
            awaitWaiting(Map.of("mail", 4L));
            assertThat(repository.liveInstances()).containsEntry("call-then-mail", 4L);
        }
    }

    @Test
    void compactionKeepsTheLogTheProjectionHasNotReadAndANewEngineStartsItAfresh() throws Exception {
        repository.positionFor("an engine whose data directory was deleted");
        repository.apply(new ProjectionBatch(List.of(new ProcessEvent.ElementActivated(1, 1, "old-process", "old-task",
                "USER_TASK", Instant.EPOCH)), 10));
        ProcessProjection notYetFollowing = new ProcessProjection(repository, null);
        // Compaction asks how far the log's reader got on each of its turns: counting the questions counts the turns.
        AtomicInteger compactionTurns = new AtomicInteger();
        LongSupplier readPosition = () -> {
            compactionTurns.incrementAndGet();
            return notYetFollowing.position();
        };
        try (EmbeddedZeebe engine = EmbeddedZeebe.start(settings(Duration.ofMillis(200)), readPosition);
             CamundaClient client = client()) {
            client.newDeployResourceCommand().addProcessModel(CALL_THEN_MAIL, "call-then-mail.bpmn").send().join();
            int instances = 0;
            while (segments() < 3) {
                for (int i = 0; i < 50; i++, instances++) {
                    client.newCreateInstanceCommand().bpmnProcessId("call-then-mail").latestVersion().send().join();
                }
            }
            // A turn that began after two whole segments were processed has ended: the next one has begun.
            int turnsBefore = compactionTurns.get();
            await().atMost(PATIENCE).until(() -> compactionTurns.get() >= turnsBefore + 2);
            assertThat(Files.exists(data.resolve("log").resolve(firstSegment()))).isTrue();

            follow(engine);
            awaitWaiting(Map.of("call", (long) instances));
        }
    }

    private long segments() throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            return files.count();
        }
    }

    private String firstSegment() throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            return files.map(file -> file.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    /** The events of the records up to {@code position}. */
    private static void readAll(EmbeddedZeebe engine, long position, List<ProcessEvent> events) {
        ProcessRecordDecoder decoder = new ProcessRecordDecoder();
        try (LogStreamReader reader = engine.newLogReader()) {
            reader.seekToFirstEvent();
            while (reader.hasNext()) {
                var record = reader.next();
                if (record.getPosition() > position) {
                    return;
                }
                ProcessEvent event = decoder.decode(record);
                if (event != null) {
                    events.add(event);
                }
            }
        }
    }

    private void follow(EmbeddedZeebe engine) {
        ProcessProjection projection = new ProcessProjection(repository,
                new StaticListableBeanFactory(Map.of("engine", engine)).getBeanProvider(EmbeddedZeebe.class));
        projection.start();
        projections.add(projection);
    }

    private void awaitWaiting(Map<String, Long> expected) {
        await().atMost(PATIENCE).until(this::waiting, expected::equals);
    }

    private Map<String, Long> waiting() {
        return repository.waiting().stream()
                .collect(java.util.stream.Collectors.toMap(WaitingAt::elementId, WaitingAt::waiting));
    }

    private EmbeddedZeebe start(EmbeddedZeebe.Settings settings) {
        return EmbeddedZeebe.start(settings, () -> projections.isEmpty() ? -1 : projections.getFirst().position());
    }

    private EmbeddedZeebe.Settings settings(Duration snapshotInterval) {
        return new EmbeddedZeebe.Settings(data, "127.0.0.1", PORT, 256 * 1024, snapshotInterval, Duration.ofMinutes(1));
    }

    private static CamundaClient client() {
        return CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + PORT))
                .restAddress(URI.create("http://127.0.0.1:" + (PORT + 100)))
                .preferRestOverGrpc(false)
                .build();
    }

    private static List<ActivatedJob> activate(CamundaClient client, String type, int expected) {
        List<ActivatedJob> jobs = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            jobs.addAll(client.newActivateJobsCommand().jobType(type).maxJobsToActivate(expected - jobs.size())
                    .timeout(Duration.ofMinutes(10)).send().join().getJobs());
            return jobs.size() >= expected;
        });
        return jobs;
    }
}
