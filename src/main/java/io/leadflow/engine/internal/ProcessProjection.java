package io.leadflow.engine.internal;

import com.google.common.util.concurrent.Uninterruptibles;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows the embedded engine's log on one thread of its own and projects it into the process view's
 * tables, the way an exporter follows a broker's: a batch of records per transaction, together with the
 * position read, so after a restart or a crash it goes on exactly where it committed last. On a new data
 * directory it starts from the oldest record the log keeps. It stops before the engine closes.
 */
public final class ProcessProjection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessProjection.class);
    // Records per transaction at most; when it has caught up it rests, so the engine under load is not
    // met with a transaction per record.
    private static final int BATCH_RECORDS = 5_000;
    private static final Duration REST = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final ProcessProjectionRepository repository;
    private final ObjectProvider<EmbeddedZeebe> engine;
    private final ProcessRecordDecoder decoder = new ProcessRecordDecoder();
    // -1 until the stored position is known: the engine keeps its whole log until then.
    private volatile long position = -1;
    private volatile boolean running;
    private Thread thread;

    public ProcessProjection(ProcessProjectionRepository repository, ObjectProvider<EmbeddedZeebe> engine) {
        this.repository = repository;
        this.engine = engine;
    }

    /** The log position projected and committed; the engine's log compaction keeps what comes after it. */
    public long position() {
        return position;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("leadflow-process-projection").daemon().start(this::follow);
    }

    @Override
    public void stop() {
        Thread following;
        synchronized (this) {
            running = false;
            following = thread;
        }
        if (following == null) {
            return;
        }
        LockSupport.unpark(following);
        Uninterruptibles.joinUninterruptibly(following);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        EmbeddedZeebe zeebe = engine.getObject();
        try (LogStreamReader reader = zeebe.newLogReader()) {
            boolean positioned = false;
            while (running) {
                try {
                    if (!positioned) {
                        position = repository.positionFor(zeebe.id());
                        seekAfter(reader, position);
                        positioned = true;
                    }
                    if (!projectBatch(reader)) {
                        LockSupport.parkNanos(REST.toNanos());
                    }
                } catch (RuntimeException e) {
                    log.warn("Projecting the engine's log into the process view failed; trying again from position {} in {}",
                            position, RETRY, e);
                    positioned = false;
                    LockSupport.parkNanos(RETRY.toNanos());
                }
            }
        }
    }

    private static void seekAfter(LogStreamReader reader, long position) {
        if (position < 0) {
            reader.seekToFirstEvent();
        } else {
            reader.seekToNextEvent(position);
        }
    }

    /** Projects what the log holds now, up to a batch; true when a whole batch was read and more may follow. */
    private boolean projectBatch(LogStreamReader reader) {
        List<ProcessEvent> events = new ArrayList<>();
        long last = position;
        int read = 0;
        while (read < BATCH_RECORDS && reader.hasNext()) {
            LoggedEvent record = reader.next();
            ProcessEvent event = decoder.decode(record);
            if (event != null) {
                events.add(event);
            }
            last = record.getPosition();
            read++;
        }
        if (read > 0) {
            repository.apply(new ProjectionBatch(events, last));
            position = last;
        }
        return read == BATCH_RECORDS;
    }
}
