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
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.process.test.engine.LogStreamGateway;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.stream.impl.state.DbKeyGenerator;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The real Zeebe 8.8 engine (one partition) with its state on disk: RocksDB for the engine's state
 * and {@link SegmentedFileLog} for its log, served over Zeebe's gRPC gateway protocol so the
 * official Camunda client talks to it as to a cluster.
 *
 * <p>It is wired the way Zeebe Process Test's {@code EngineFactory} (zeebe-process-test-engine 8.8)
 * wires its in-memory engine, with three differences that make it durable: RocksDB instead of the
 * in-memory store, a file log instead of the in-memory list, and the engine's state migrations run
 * at start as the broker runs them. On start the stream processor reads its last processed position
 * from RocksDB and replays the log after it, so deployments, instances, timers and jobs come back.
 * These are Zeebe internals: the 8.8 line is pinned in the pom and this is the one place that knows them.
 */
public final class EmbeddedZeebe implements AutoCloseable {

    /** Where, and how, the engine runs. */
    public record Settings(Path dataDirectory, String host, int port, long logSegmentBytes, Duration compactionInterval) {
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZeebe.class);
    private static final int PARTITION_ID = 1;

    private final Deque<AutoCloseable> openedParts = new ArrayDeque<>();
    private final ControlledActorClock clock = new ControlledActorClock();
    private final Settings settings;
    private final LongSupplier logReadPosition;
    private String id;
    private volatile Duration clockOffset = Duration.ZERO;
    private SegmentedFileLog logStorage;
    private LogStream logStream;
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
        clockOffset = Files.exists(clockOffsetFile()) ? Duration.parse(Files.readString(clockOffsetFile()).trim()) : Duration.ZERO;
        clock.addTime(clockOffset);

        ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
        scheduler.start();
        openedParts.push(scheduler);

        logStorage = SegmentedFileLog.open(data.resolve("log"), settings.logSegmentBytes());
        openedParts.push(logStorage);
        logStream = LogStream.builder()
                .withPartitionId(PARTITION_ID)
                .withLogStorage(logStorage)
                .withClock(clock)
                .withMeterRegistry(new SimpleMeterRegistry())
                .build();
        openedParts.push(logStream);

        database = openDatabase(data.resolve("state"));
        openedParts.push(database);
        migrate(database);

        LogStreamGateway gateway = new LogStreamGateway(logStream.newLogStreamWriter(), PARTITION_ID, settings.port());
        streamProcessor = streamProcessor(logStream, database, scheduler, gateway);
        openedParts.push(streamProcessor);
        streamProcessor.openAsync(false).join();

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

        ScheduledExecutorService compaction = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leadflow-engine-compaction");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.compactionInterval().toMillis();
        compaction.scheduleWithFixedDelay(this::compactLog, every, every, TimeUnit.MILLISECONDS);
        openedParts.push(compaction::shutdownNow);

        log.info("Embedded Zeebe engine on {}:{} with data in {}: processed up to position {}, started in {} ms",
                settings.host(), settings.port(), data, processedPosition(), (System.nanoTime() - started) / 1_000_000);
    }

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
            Files.writeString(file, java.util.UUID.randomUUID().toString());
        }
        return Files.readString(file).trim();
    }

    private static ZeebeDb<ZbColumnFamilies> openDatabase(Path directory) {
        // The write-ahead log stays on, so a kill -9 loses nothing the engine committed to RocksDB;
        // what RocksDB may still lose on power failure is replayed from the log.
        RocksDbConfiguration configuration = new RocksDbConfiguration()
                .setWalDisabled(false)
                .setMemoryLimit(128L * 1024 * 1024);
        return new ZeebeRocksDbFactory<ZbColumnFamilies>(configuration, new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID), SimpleMeterRegistry::new)
                .createDb(directory.toFile(), false);
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
                        new EngineConfiguration(),
                        security)))
                .actorSchedulingService(scheduler)
                .clock(new ControllableStreamClockImpl(clock))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    /**
     * Deletes log segments the state no longer needs. A RocksDB checkpoint flushes the state to disk,
     * so everything processed before it is durable without the log. The flush slows processing for
     * a moment, so it is done only when a whole segment can go. A segment that the log's reader
     * has not read yet stays.
     */
    private void compactLog() {
        try {
            long processed = Math.min(processedPosition(), logReadPosition.getAsLong());
            if (processed < logStorage.firstPositionOfSecondSegment()) {
                return;
            }
            Path checkpoint = settings.dataDirectory().resolve("checkpoint");
            FileSystemUtils.deleteRecursively(checkpoint);
            database.createSnapshot(checkpoint.toFile());
            FileSystemUtils.deleteRecursively(checkpoint);
            int deleted = logStorage.compactBelow(processed);
            if (deleted > 0) {
                log.info("Compacted the engine's log: {} segments below position {} deleted", deleted, processed);
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Could not compact the engine's log; will try again", e);
        }
    }

    /**
     * Moves the engine's clock forward (tests, demos): timers due by then fire. The offset is kept in
     * the data directory, so a restart goes on at the same "now" as the state it recovers.
     */
    public synchronized void advanceClock(Duration duration) {
        Duration offset = clockOffset.plus(duration);
        try {
            Files.writeString(clockOffsetFile(), offset.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clockOffset = offset;
        clock.addTime(duration);
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

    /** The position of the last record the engine processed. */
    public long processedPosition() {
        return streamProcessor.getLastProcessedPositionAsync().join();
    }

    /** The position of the last record written to the log and made durable. */
    public long committedPosition() {
        return logStorage.lastCommittedPosition();
    }

    /** How far the engine got, read once: what it processed, what its log holds durably, and how big the log is. */
    public record Progress(long processedPosition, long committedPosition, long logSizeBytes) {

        /** Records in the log the engine has not processed yet. */
        public long backlog() {
            return Math.max(0, committedPosition - processedPosition);
        }
    }

    public Progress progress() {
        return new Progress(processedPosition(), committedPosition(), logSizeBytes());
    }

    public long logSizeBytes() {
        return logStorage.sizeBytes();
    }

    public boolean isHealthy() {
        return streamProcessor != null && streamProcessor.isOpened() && !streamProcessor.isFailed();
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
