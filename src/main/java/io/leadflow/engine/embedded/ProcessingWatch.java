package io.leadflow.engine.embedded;

import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.stream.api.records.TypedRecord;
import io.camunda.zeebe.stream.impl.StreamProcessorListener;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * How far the engine's processing has gone through its log, as the processing tells it: it reads every record in log
 * order and either processes it (a command) or skips it (an event, a rejection, a command already processed in its
 * batch), so the highest position told is the last record it is done with. A command is told once its follow-up
 * records are appended to the log and its state is committed, so being done up to the log's last appended position
 * means being at rest. A waiter is woken the moment that holds (and only then: the engine passes many records between
 * two rests), without asking the processing actor.
 */
final class ProcessingWatch implements StreamProcessorListener {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition atRest = lock.newCondition();
    /** The log's last appended position: read again each time, since the records processing appends move it. */
    private final LongSupplier end;
    private long donePosition = -1;

    ProcessingWatch(LongSupplier end) {
        this.end = end;
    }

    @Override
    public void onProcessed(TypedRecord<?> command) {
        done(command.getPosition());
    }

    @Override
    public void onSkipped(LoggedEvent record) {
        done(record.getPosition());
    }

    /** The processing is done with every record up to this position (also: the replay at start was). */
    void done(long position) {
        lock.lock();
        try {
            if (position > donePosition) {
                donePosition = position;
                if (lock.hasWaiters(atRest) && position >= end.getAsLong()) {
                    atRest.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the processing is done with every record the log holds, for at most {@code timeout}; whether it is. */
    boolean awaitRest(Duration timeout) {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (donePosition < end.getAsLong()) {
                if (left <= 0) {
                    return false;
                }
                left = atRest.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the engine to process its log", e);
        } finally {
            lock.unlock();
        }
    }
}
