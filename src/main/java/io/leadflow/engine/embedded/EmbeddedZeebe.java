package io.leadflow.engine.embedded;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.engine.state.ProcessingDbState;
import io.camunda.zeebe.engine.state.message.TransientPendingSubscriptionState;
import io.camunda.zeebe.engine.state.migration.DbMigratorImpl;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.engine.LogStreamGateway;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.impl.record.value.timer.TimerRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.stream.impl.state.DbKeyGenerator;
import io.camunda.zeebe.util.FeatureFlags;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.impl.CamundaClientImpl;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.leadflow.platform.PortTakenException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.util.FileSystemUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The real Zeebe 8.8 engine (one partition) with its state on disk, served over Zeebe's gRPC gateway
 * protocol so the official Camunda client talks to it as to a cluster: on its port, and in-process to a
 * client in the same JVM ({@link #inProcessClient}).
 *
 * <p>It is wired the way Zeebe Process Test's {@code EngineFactory} (zeebe-process-test-engine 8.8)
 * wires its in-memory engine, and it recovers the way a broker does: {@link SegmentedFileLog} is the
 * source of truth (a record is processed only once it is fsynced); the state is RocksDB without its
 * write-ahead log, snapshotted now and then at a position whose records are durable ({@link StateSnapshots});
 * a start rebuilds the state from the newest snapshot and replays the log after it, so the state is never
 * ahead of the log. The log is compacted only below the snapshot. The engine's state migrations run at start
 * as the broker runs them. These are Zeebe internals: the 8.8 line is pinned in the pom and this is the one
 * place that knows them.
 */
public final class EmbeddedZeebe implements AutoCloseable {

    /** What its modules (zeebe-workflow-engine, -stream-platform, -logstreams, -db, -scheduler, …) are licensed for. */
    public static final String LICENSE = "the Camunda License 1.0, which grants use in non-production environments only";

    /**
     * Where, and how, the engine runs.
     *
     * @param snapshotInterval how often the state is snapshotted and the log below the snapshot dropped
     * @param startTimeout     how long recovery (replaying the log after the snapshot) may take before the start gives up
     * @param disposable       whether the data directory is thrown away after the stop (a sandbox): then nothing is fsynced
     *                         (log, clock) and no snapshot is taken at the stop, since no restart will recover from them
     */
    public record Settings(Path dataDirectory, String host, int port, long logSegmentBytes, Duration snapshotInterval,
                           Duration startTimeout, boolean disposable) {

        /** An engine whose data outlives it. */
        public Settings(Path dataDirectory, String host, int port, long logSegmentBytes, Duration snapshotInterval,
                        Duration startTimeout) {
            this(dataDirectory, host, port, logSegmentBytes, snapshotInterval, startTimeout, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZeebe.class);
    private static final int PARTITION_ID = 1;
    /**
     * How long one FEEL expression may take before its element fails with an incident. The models' expressions take
     * microseconds; Zeebe's default of 5 s is wall-clock, and a busy machine (a JVM just restarted, at a load of 30 on
     * two cores) stalled a job's output mapping past it: the rep's completion was taken and the lead's sequence stopped
     * at an IO_MAPPING_ERROR incident that only a manager could resolve. Only a runaway expression waits this long.
     */
    private static final Duration EXPRESSION_TIMEOUT = Duration.ofMinutes(1);

    private final Deque<AutoCloseable> openedParts = new ArrayDeque<>();
    private final ControlledActorClock clock = new ControlledActorClock();
    private final ScheduledCommandsInFlight scheduledCommands = new ScheduledCommandsInFlight();
    private final ProcessingWatch processingWatch = new ProcessingWatch(() -> this.logStorage.lastAppendedPosition());
    private final Settings settings;
    private final LongSupplier logReadPosition;
    /** The in-process gateway's name, unique to this engine: a restart in the same JVM never reaches the last one's. */
    private final String inProcessName = InProcessServerBuilder.generateName();
    private String id;
    private volatile Duration clockOffset = Duration.ZERO;
    private SegmentedFileLog logStorage;
    private StateSnapshots snapshots;
    private volatile Exception snapshotFailure;
    private final ReentrantLock snapshotting = new ReentrantLock();
    private LogStream logStream;
    /** Writes the commands leadflow puts on the log itself: due timers' triggers and a sandbox's commands. */
    private LogStreamWriter commandWriter;
    private ZeebeDb<ZbColumnFamilies> database;
    private StreamProcessor streamProcessor;

    private EmbeddedZeebe(Settings settings, LongSupplier logReadPosition) {
        this.settings = settings;
        this.logReadPosition = logReadPosition;
    }

    /**
     * Starts the engine on the data directory; throws {@link EngineStartException} or {@link PortTakenException}
     * with a clear message (and leaves no thread behind) when the directory is in use or the port is taken.
     */
    public static EmbeddedZeebe start(Settings settings) {
        return start(settings, () -> Long.MAX_VALUE);
    }

    /**
     * Starts the engine for a reader of its log ({@link #newLogReader}): compaction keeps every record
     * after {@code logReadPosition}, the position that reader has read up to (-1: nothing yet).
     */
    public static EmbeddedZeebe start(Settings settings, LongSupplier logReadPosition) {
        EmbeddedZeebe engine = new EmbeddedZeebe(settings, logReadPosition);
        try {
            engine.open();
            return engine;
        } catch (EngineStartException | PortTakenException e) {
            engine.close();
            throw e;
        } catch (RuntimeException | IOException e) {
            engine.close();
            throw new EngineStartException(
                    "The embedded Zeebe engine could not start on " + settings.dataDirectory() + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        long started = System.nanoTime();
        Path data = settings.dataDirectory().toAbsolutePath();
        Files.createDirectories(data);
        lock(data);
        id = readOrCreateId(data.resolve("engine-id"));
        clockOffset = readClockOffset();
        clock.addTime(clockOffset);

        ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
        scheduler.start();
        openedParts.push(scheduler);

        logStorage = SegmentedFileLog.open(data.resolve("log"), settings.logSegmentBytes(), !settings.disposable());
        openedParts.push(logStorage);
        logStream = LogStream.builder()
                .withPartitionId(PARTITION_ID)
                .withLogStorage(logStorage)
                .withClock(clock)
                .withMeterRegistry(new SimpleMeterRegistry())
                .build();
        openedParts.push(logStream);

        database = openDatabase(data);
        openedParts.push(database);
        migrate(database);

        LogStreamGateway gateway = new LogStreamGateway(logStream.newLogStreamWriter(), PARTITION_ID, settings.port());
        commandWriter = logStream.newLogStreamWriter();
        streamProcessor = streamProcessor(logStream, database, scheduler, gateway);
        openedParts.push(streamProcessor);
        recover();
        // The records recovery replayed are not told to the watch; processing tells it every record after them.
        processingWatch.done(processedPosition());
        if (snapshots.latest().isEmpty() && Files.isDirectory(legacyState())) {
            // State kept by an earlier leadflow in RocksDB itself: from now on it lives in snapshots.
            snapshot();
        }

        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                .addService(gateway.service())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortTakenException("the embedded Zeebe engine's gateway", settings.port(), "leadflow.engine.embedded.port", e);
            }
            throw e;
        }
        openedParts.push(() -> {
            server.shutdownNow();
            server.awaitTermination(10, TimeUnit.SECONDS);
        });
        // The same gateway for clients in this JVM: no socket, and messages pass as objects, never serialised.
        Server inProcess = InProcessServerBuilder.forName(inProcessName).addService(gateway.service()).build().start();
        openedParts.push(() -> {
            inProcess.shutdownNow();
            inProcess.awaitTermination(10, TimeUnit.SECONDS);
        });

        ScheduledExecutorService snapshotter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leadflow-engine-snapshot");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.snapshotInterval().toMillis();
        snapshotter.scheduleWithFixedDelay(this::snapshotAndCompact, every, every, TimeUnit.MILLISECONDS);
        // A snapshot in progress finishes before the database it copies is closed.
        openedParts.push(() -> {
            snapshotter.shutdownNow();
            snapshotter.awaitTermination(1, TimeUnit.MINUTES);
        });
        if (!settings.disposable()) {
            // A stop snapshots what it processed, so the next start replays almost nothing.
            openedParts.push(this::snapshot);
        }

        log.info("Embedded Zeebe engine on {}:{} with data in {}: recovered from {}, processed up to position {}, started in {} ms",
                settings.host(), settings.port(), data,
                snapshots.latest().map(snapshot -> "the state snapshot at position " + snapshot.processedPosition()).orElse("the start of the log"),
                processedPosition(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Replays the log after the snapshot, as a broker does when it becomes leader. Bounded: a recovery that
     * fails or does not finish in time ends the start with that message instead of hanging.
     */
    private void recover() {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try {
            streamProcessor.openAsync(false).get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            // The replay goes on after the open: the engine serves requests only once it is done.
            for (StreamProcessor.Phase phase = currentPhase(); phase != StreamProcessor.Phase.PROCESSING; phase = currentPhase()) {
                if (phase == StreamProcessor.Phase.FAILED || streamProcessor.isFailed()) {
                    throw cannotRecover("replaying the log failed (see the log above)", null);
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException();
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        } catch (TimeoutException e) {
            throw new EngineStartException("The embedded engine did not finish recovering its state from " + settings.dataDirectory()
                    + " within " + settings.startTimeout() + " (leadflow.engine.embedded.start-timeout). Raise it if the log after the last"
                    + " state snapshot is very large; otherwise " + WAY_OUT.formatted(settings.dataDirectory().toAbsolutePath()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("Interrupted while the embedded engine recovered its state", e);
        } catch (ExecutionException e) {
            throw cannotRecover("replaying the log failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private StreamProcessor.Phase currentPhase() {
        return streamProcessor.getCurrentPhase().join();
    }

    private EngineStartException cannotRecover(String problem, Throwable cause) {
        Path data = settings.dataDirectory().toAbsolutePath();
        return new EngineStartException("The embedded engine cannot recover its state from " + data + ": " + problem + ". "
                + WAY_OUT.formatted(data), cause);
    }

    /** What a person can do about data the engine refuses to start on. */
    static final String WAY_OUT = "Restore the whole directory %1$s from a backup taken with leadflow stopped, or delete the whole "
            + "directory %1$s (not a part of it) to start with an empty engine: its live processes are then gone, and leadflow "
            + "flags their leads as having lost their process.";

    /** One engine per data directory: a second leadflow on the same directory would corrupt it. */
    private void lock(Path data) throws IOException {
        FileChannel channel = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new EngineStartException("The engine's data directory " + data
                    + " is in use by another running leadflow (or engine). Stop it, or set leadflow.engine.data-dir to another directory.", null);
        }
        openedParts.push(channel);
    }

    private static String readOrCreateId(Path file) throws IOException {
        if (!Files.exists(file)) {
            DurableFiles.writeAtomically(file, java.util.UUID.randomUUID().toString());
        }
        return Files.readString(file).trim();
    }

    private Duration readClockOffset() throws IOException {
        if (!Files.exists(clockOffsetFile())) {
            return Duration.ZERO;
        }
        String offset = Files.readString(clockOffsetFile()).trim();
        try {
            return Duration.parse(offset);
        } catch (java.time.format.DateTimeParseException e) {
            throw cannotRecover(clockOffsetFile() + " holds \"" + offset + "\", not a duration such as PT2H", e);
        }
    }

    private Path legacyState() {
        return settings.dataDirectory().toAbsolutePath().resolve("state");
    }

    /**
     * Opens the live state: a working copy of the newest snapshot, with RocksDB's write-ahead log off, since the
     * log replayed after the snapshot is what makes state durable (as in a broker). A data directory of an
     * earlier leadflow, whose state lived in RocksDB with its write-ahead log, is opened as it is once.
     */
    private ZeebeDb<ZbColumnFamilies> openDatabase(Path data) throws IOException {
        snapshots = StateSnapshots.open(data.resolve("snapshots"));
        checkLogCoversState(snapshots.latest());
        Path runtime = data.resolve("runtime");
        boolean legacy = snapshots.latest().isEmpty() && Files.isDirectory(legacyState());
        if (legacy) {
            runtime = legacyState();
        } else if (snapshots.latest().isPresent()) {
            StateSnapshots.restore(snapshots.latest().get(), runtime);
            FileSystemUtils.deleteRecursively(legacyState());
        } else {
            FileSystemUtils.deleteRecursively(runtime);
        }
        RocksDbConfiguration configuration = new RocksDbConfiguration()
                .setWalDisabled(!legacy)
                .setMemoryLimit(128L * 1024 * 1024);
        return new ZeebeRocksDbFactory<ZbColumnFamilies>(configuration, new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID), SimpleMeterRegistry::new)
                .createDb(runtime.toFile(), false);
    }

    /**
     * The log must hold every record after the snapshot's position, and every record the snapshot's state
     * depends on; otherwise replay would start from a record that is gone (a broker then waits forever)
     * or the engine would hand out positions it has already used.
     */
    private void checkLogCoversState(Optional<StateSnapshots.Snapshot> snapshot) {
        long first = logStorage.firstPosition();
        long last = logStorage.lastCommittedPosition();
        if (snapshot.isEmpty()) {
            if (first > 1 && first != Long.MAX_VALUE && !Files.isDirectory(legacyState())) {
                throw cannotRecover("its log starts at position %d, yet there is no state snapshot for the records before it"
                        .formatted(first), null);
            }
            return;
        }
        StateSnapshots.Snapshot state = snapshot.get();
        if (last < state.writtenPosition()) {
            throw cannotRecover("its log ends at position %d, yet the state snapshot %s depends on records up to position %d"
                    .formatted(last, state.directory(), state.writtenPosition()), null);
        }
        if (first > state.processedPosition() + 1) {
            throw cannotRecover("its log starts at position %d, yet the state snapshot %s needs every record after position %d"
                    .formatted(first, state.directory(), state.processedPosition()), null);
        }
    }

    /** As the broker does before it opens a partition: brings state written by an older 8.x engine up to date. */
    private static void migrate(ZeebeDb<ZbColumnFamilies> database) {
        var context = database.createContext();
        var state = new ProcessingDbState(PARTITION_ID, database, context, new DbKeyGenerator(PARTITION_ID, database, context),
                new TransientPendingSubscriptionState(), new TransientPendingSubscriptionState(), new EngineConfiguration(),
                java.time.InstantSource.system());
        new DbMigratorImpl(false, () -> 1, state, null).runMigrations();
    }

    private StreamProcessor streamProcessor(LogStream logStream, ZeebeDb<ZbColumnFamilies> database,
                                            ActorScheduler scheduler, LogStreamGateway gateway) {
        SecurityConfiguration security = new SecurityConfiguration();
        security.getAuthorizations().setEnabled(false);
        return StreamProcessor.builder()
                .logStream(logStream)
                .zeebeDb(database)
                .commandResponseWriter(gateway.responseWriter())
                .partitionCommandSender(gateway.commandSender())
                .recordProcessors(List.of(new Engine(
                        context -> EngineProcessors.createEngineProcessors(
                                context,
                                1,
                                new SubscriptionCommandSender(context.getPartitionId(), gateway.commandSender()),
                                gateway.commandSender(),
                                FeatureFlags.createDefault(),
                                gateway.jobStreamer(),
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        engineConfiguration(),
                        security)))
                .actorSchedulingService(scheduler)
                .scheduledCommandCache(scheduledCommands)
                .listener(processingWatch)
                .clock(new ControllableStreamClockImpl(clock))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    private EngineConfiguration engineConfiguration() {
        EngineConfiguration configuration = new EngineConfiguration().setExpressionEvaluationTimeout(EXPRESSION_TIMEOUT);
        if (settings.disposable()) {
            // The engine counts its usage for a cluster's licence every few minutes of its clock; a sandbox's clock jumps
            // through a quarter, so it would write those counts thousands of times for nobody.
            configuration.setUsageMetricsExportInterval(Duration.ofDays(36_500));
        }
        return configuration;
    }

    /** Snapshots the state and drops the log segments that neither the snapshot nor the log's reader needs. */
    private void snapshotAndCompact() {
        try {
            snapshot();
            snapshotFailure = null;
            long kept = Math.min(snapshots.latest().map(StateSnapshots.Snapshot::processedPosition).orElse(-1L),
                    logReadPosition.getAsLong());
            int deleted = logStorage.compactBelow(kept);
            if (deleted > 0) {
                log.info("Compacted the engine's log: {} segments below position {} deleted", deleted, kept);
            }
        } catch (RuntimeException | IOException e) {
            snapshotFailure = e;
            log.error("Could not snapshot the engine's state or compact its log; will try again", e);
        }
    }

    /**
     * Takes a snapshot as a broker does: the processed position before the checkpoint (a lower bound of what
     * the state holds), the written position after it (an upper bound of the records it depends on), and the
     * snapshot counts only once the log has made those records durable.
     */
    void snapshot() throws IOException {
        // Not this object's monitor: close() holds that while it waits for a snapshot in progress to end.
        snapshotting.lock();
        try {
            snapshotLocked();
        } finally {
            snapshotting.unlock();
        }
    }

    private void snapshotLocked() throws IOException {
        long processed = processedPosition();
        long newest = snapshots.latest().map(StateSnapshots.Snapshot::processedPosition).orElse(-1L);
        if (processed < 0 || processed <= newest) {
            return;
        }
        Path pending = snapshots.pending(processed);
        database.createSnapshot(pending.toFile());
        long written = Math.max(processed, streamProcessor.getLastWrittenPositionAsync().join());
        long deadline = System.nanoTime() + SNAPSHOT_COMMIT_WAIT.toNanos();
        while (logStorage.lastCommittedPosition() < written) {
            if (logStorage.failure() != null || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                FileSystemUtils.deleteRecursively(pending);
                throw new IOException("the log did not make position %d durable; the snapshot at %d is dropped".formatted(written, processed),
                        logStorage.failure());
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        snapshots.complete(pending, processed, written);
    }

    /**
     * Moves the engine's clock forward (tests, demos, a sandbox's virtual time): timers due by then fire. The offset is
     * kept in the data directory (unless it is disposable), so a restart goes on at the same "now" as the state it recovers.
     */
    public synchronized void advanceClock(Duration duration) {
        Duration offset = clockOffset.plus(duration);
        if (!settings.disposable()) {
            try {
                DurableFiles.writeAtomically(clockOffsetFile(), offset.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        clockOffset = offset;
        clock.addTime(duration);
    }

    /**
     * Stops the engine's clock at {@code at} (a sandbox's virtual time, never before the clock's last moment): it stays
     * there, however long the engine takes, until pinned again, so what the engine computes from "now" (a timer's due, a
     * record's time) depends on the moments it is pinned to, not on the machine's speed. Timers due by then fire when the
     * engine's due-date check next runs, or at once through {@link #triggerTimers}.
     */
    public synchronized void pinClock(Instant at) {
        if (at.toEpochMilli() < clock.getTimeMillis()) {
            throw new IllegalArgumentException("The engine's clock cannot go back from " + clock.getCurrentTime() + " to " + at);
        }
        clock.setCurrentTime(at);
        clock.update();
    }

    /** A timer to trigger: its key and the record it was created with. */
    public record DueTimer(long key, TimerRecord created) {
    }

    /**
     * Writes the trigger of each timer to the log, in this order, as the engine's due-date check writes it; the check
     * skips them while they are on their way. For a sandbox whose pinned clock would otherwise wait for that check, which
     * runs on a resolution of 100 ms of the engine's time and, for a due far ahead, on a once-a-second tick of its own.
     * Returns the position of the last trigger written.
     */
    public long triggerTimers(List<DueTimer> timers) {
        List<LogAppendEntry> triggers = new ArrayList<>();
        for (DueTimer timer : timers) {
            TimerRecord created = timer.created();
            TimerRecord trigger = new TimerRecord()
                    .setElementInstanceKey(created.getElementInstanceKey())
                    .setProcessInstanceKey(created.getProcessInstanceKey())
                    .setDueDate(created.getDueDate())
                    .setTargetElementId(created.getTargetElementIdBuffer())
                    .setRepetitions(created.getRepetitions())
                    .setProcessDefinitionKey(created.getProcessDefinitionKey())
                    .setTenantId(created.getTenantId());
            triggers.add(LogAppendEntry.of(timer.key(), new RecordMetadata().recordType(RecordType.COMMAND).valueType(ValueType.TIMER)
                    .intent(TimerIntent.TRIGGER).rejectionType(RejectionType.NULL_VAL).rejectionReason(""), trigger));
            scheduledCommands.add(TimerIntent.TRIGGER, timer.key());
        }
        var written = commandWriter.tryWrite(WriteContext.scheduled(), triggers);
        if (written.isLeft()) {
            timers.forEach(timer -> scheduledCommands.remove(TimerIntent.TRIGGER, timer.key()));
            throw new IllegalStateException("Could not write the triggers of " + timers.size() + " timers: " + written.getLeft());
        }
        return written.get();
    }

    /**
     * A command to write: its key (a job's to complete; -1 for a command that makes its own, such as a job batch's
     * activation, a message's publication or a decision's evaluation), its value type and intent, and its value (a
     * JobRecord, a MessageRecord, …).
     */
    public record Command(long key, ValueType valueType, Intent intent, UnifiedRecordValue value) {
    }

    /**
     * Writes the commands to the log in one batch, in this order, as the gateway writes a client's, but with no request
     * to answer: for a sandbox, which reads the engine's answers (activated jobs, rejections, decisions) from the log
     * instead of a request and an answer each. The commands take consecutive positions; returns the last one's.
     */
    public long writeCommands(List<Command> commands) {
        List<LogAppendEntry> entries = commands.stream().map(command -> LogAppendEntry.of(command.key(),
                new RecordMetadata().recordType(RecordType.COMMAND).valueType(command.valueType()).intent(command.intent()),
                command.value())).toList();
        var written = commandWriter.tryWrite(WriteContext.internal(), entries);
        if (written.isLeft()) {
            throw new IllegalStateException("Could not write " + commands.size() + " commands: " + written.getLeft());
        }
        return written.get();
    }

    /**
     * Waits until the engine has processed every record its log holds, those written meanwhile included, so the log
     * shows the outcome of every command written before the call; for at most {@code timeout}, and returns whether it
     * did. The processing wakes the wait as it goes, so it ends the moment the engine is at rest, without asking the
     * engine's processing thread as {@link #isIdle} does.
     */
    public boolean awaitRest(Duration timeout) {
        return processingWatch.awaitRest(timeout);
    }

    /**
     * A client of the engine's gateway inside this JVM, built with this configuration: the same gateway as the port's,
     * without the socket, HTTP/2 framing or protobuf encoding between them. The engine's close ends the gateway's side;
     * the caller closes the client.
     */
    public CamundaClient inProcessClient(CamundaClientConfiguration configuration) {
        ManagedChannel channel = InProcessChannelBuilder.forName(inProcessName)
                .intercept(new StreamsAskAhead())
                .maxInboundMessageSize(configuration.getMaxMessageSize())
                .maxInboundMetadataSize(configuration.getMaxMetadataSize())
                .build();
        return new CamundaClientImpl(configuration, channel);
    }

    /** Whether the engine has processed every record its log holds: nothing it was asked is still under way. */
    public boolean isIdle() {
        return streamProcessor.hasProcessingReachedTheEnd().join();
    }

    /** How far the engine's clock is ahead of the system clock. */
    public Duration clockOffset() {
        return clockOffset;
    }

    private Path clockOffsetFile() {
        return settings.dataDirectory().resolve("clock-offset");
    }

    /** This engine's identity: made when its data directory was, kept as long as the directory is. */
    public String id() {
        return id;
    }

    /**
     * A reader of the engine's log from its oldest retained record, as an exporter reads a broker's: it
     * sees committed records only. Close it before the engine.
     */
    public LogStreamReader newLogReader() {
        return logStream.newLogStreamReader();
    }

    private static final Duration SNAPSHOT_COMMIT_WAIT = Duration.ofSeconds(10);

    /** The position of the last record the engine processed. */
    public long processedPosition() {
        return streamProcessor.getLastProcessedPositionAsync().join();
    }

    /** The position of the last record the engine's processing handed to the log, durable or not yet. */
    long writtenPosition() {
        return streamProcessor.getLastWrittenPositionAsync().join();
    }

    SegmentedFileLog logStorage() {
        return logStorage;
    }

    /** The position of the last record written to the log and made durable. */
    public long committedPosition() {
        return logStorage.lastCommittedPosition();
    }

    /**
     * How far the engine got, read once: what it processed, what its log holds durably, how big the log is,
     * and the position of the newest state snapshot (-1: none yet).
     */
    public record Progress(long processedPosition, long committedPosition, long logSizeBytes, long snapshotPosition) {

        /** Records in the log the engine has not processed yet. */
        public long backlog() {
            return Math.max(0, committedPosition - processedPosition);
        }
    }

    public Progress progress() {
        return new Progress(processedPosition(), committedPosition(), logSizeBytes(),
                snapshots.latest().map(StateSnapshots.Snapshot::processedPosition).orElse(-1L));
    }

    public long logSizeBytes() {
        return logStorage.sizeBytes();
    }

    /** What stops the engine from keeping its promise: a failed processor, log or snapshot; null while healthy. */
    public String problem() {
        if (streamProcessor == null || !streamProcessor.isOpened() || streamProcessor.isFailed()) {
            return "the stream processor is not running";
        }
        if (logStorage.failure() != null) {
            return "writing the log failed: " + logStorage.failure().getMessage();
        }
        Exception snapshot = snapshotFailure;
        return snapshot == null ? null : "the last state snapshot failed: " + snapshot.getMessage();
    }

    public boolean isHealthy() {
        return problem() == null;
    }

    /** Stops accepting requests, then closes processing, state, log and threads, in reverse order of opening. */
    @Override
    public synchronized void close() {
        while (!openedParts.isEmpty()) {
            AutoCloseable part = openedParts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Closing the embedded engine: {}", e.getMessage(), e);
            }
        }
    }
}
