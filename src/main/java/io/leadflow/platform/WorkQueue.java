package io.leadflow.platform;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * leadflow's one durable work queue: the work is rows of its owner's table, written in the transaction that asks for
 * it (keyed, so asking twice stores it once), and drained on a thread of the queue's own, so a backlog in one queue
 * holds up no other. The owner's {@link Store} claims due rows ({@code for update skip locked}: two leadflows on one
 * database never take the same row), its {@link Worker} does each and records the outcome (done, or when to try again,
 * with {@link RetryBackoff}). Created by {@link WorkQueues}, which starts and stops every queue with leadflow and shows
 * each one's backlog in the health.
 */
public final class WorkQueue<T> {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    /** How a claimed item is kept from other drainers (another node, or this one after a crash) while it is worked. */
    public enum Claim {
        /**
         * Hidden for a lease committed before the work, then worked outside any transaction, up to
         * {@code maxInFlight} at once; one a crash left is taken again once its lease has passed. For work the far side
         * takes once however often it is asked (a message id, a job key).
         */
        LEASE,
        /**
         * One item at a time, its row locked in a transaction that holds the work and its record: no other drainer takes
         * it while it is worked however long that takes, and a crash releases it at once. For an effect nothing
         * downstream deduplicates (SMTP): a crash repeats at most the one item in flight.
         */
        LOCK
    }

    /** The owner's table. */
    public interface Store<T> {

        /** Up to {@code limit} due items, oldest first, skipping locked rows; under {@link Claim#LEASE} also hidden for the lease. */
        List<T> claim(Instant now, int limit);

        Backlog backlog(Instant now);

        static <T> Store<T> of(BiFunction<Instant, Integer, List<T>> claim, Function<Instant, Backlog> backlog) {
            return new Store<>() {
                @Override
                public List<T> claim(Instant now, int limit) {
                    return claim.apply(now, limit);
                }

                @Override
                public Backlog backlog(Instant now) {
                    return backlog.apply(now);
                }
            };
        }
    }

    /** The owner's work. */
    public interface Worker<T> {

        /**
         * Does the item and records its outcome. False when the far side seems down: the queue takes no more until its
         * next poll.
         */
        boolean work(T item);

        /** After each drain (a connection kept open while a backlog drains is closed here). */
        default void drained() {
        }
    }

    /** What waits: in all, due now, and how long the oldest due item has waited. */
    public record Backlog(long pending, long due, long oldestDueSeconds) {

        /**
         * Read from the owner's table: its rows that match {@code waiting} (SQL written by the owner, with its named
         * {@code parameters}), and {@code dueColumn}, when each is due.
         */
        public static Backlog of(JdbcClient jdbc, String table, String waiting, Map<String, ?> parameters,
                                 String dueColumn, Instant now) {
            Timestamp at = Timestamp.from(now);
            return jdbc.sql("""
                            select count(*) as pending, count(*) filter (where %2$s <= :now) as due,
                                   coalesce(extract(epoch from (:now - min(%2$s) filter (where %2$s <= :now))), 0) as oldest
                            from %1$s where %3$s
                            """.formatted(table, dueColumn, waiting))
                    .params(parameters).param("now", at)
                    .query((rs, row) -> new Backlog(rs.getLong("pending"), rs.getLong("due"), Math.round(rs.getDouble("oldest"))))
                    .single();
        }
    }

    /**
     * @param maxInFlight  items worked at once ({@link Claim#LEASE}; {@link Claim#LOCK} works one)
     * @param batchSize    items claimed at once, at most
     * @param pollInterval how long the queue waits, once nothing is due, before it looks again (unless woken)
     * @param stopWait     how long a stop waits for the work in flight
     */
    public record Settings(Claim claim, int maxInFlight, int batchSize, Duration pollInterval, Duration stopWait) {
    }

    private final String name;
    private final Store<T> store;
    private final Worker<T> worker;
    private final Settings settings;
    private final Clock clock;
    private final TransactionOperations transaction;
    private final Counter claimed;
    private final Semaphore inFlight;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile ExecutorService work;
    private volatile boolean stopping;
    /** A worker found the far side down: the drain pauses until the next poll. */
    private volatile boolean farSideDown;
    private Thread drainer;

    WorkQueue(String name, Store<T> store, Worker<T> worker, Settings settings, Clock clock,
              TransactionOperations transaction, Counter claimed) {
        this.name = name;
        this.store = store;
        this.worker = worker;
        this.settings = settings;
        this.clock = clock;
        this.transaction = transaction;
        this.claimed = claimed;
        this.inFlight = new Semaphore(settings.claim() == Claim.LOCK ? 1 : settings.maxInFlight());
    }

    Backlog backlog() {
        return store.backlog(clock.instant());
    }

    /** Work was just asked for: look at once rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** A drainer still finishing its work after a stop that timed out carries on, rather than a second one. */
    public synchronized void start() {
        stopping = false;
        if (work == null || work.isShutdown()) {
            work = Executors.newVirtualThreadPerTaskExecutor();
        }
        if (drainer == null) {
            drainer = Thread.ofPlatform().daemon().name("leadflow-queue-" + name).start(this::drainUntilStopped);
        }
    }

    /** Takes no more, and waits up to {@code stopWait} for the work in flight. */
    public void stop() {
        Thread running;
        ExecutorService working;
        synchronized (this) {
            stopping = true;
            running = drainer;
            working = work;
        }
        wakeUp.release();
        try {
            if (running != null && !running.join(settings.stopWait())) {
                log.warn("The {} queue did not stop within {}", name, settings.stopWait());
            }
            if (working != null) {
                working.shutdown();
                working.awaitTermination(settings.stopWait().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return drainer != null;
    }

    /** Drains what is due on the caller's thread (under {@link Claim#LEASE} the work itself still runs beside it). */
    public void drain() throws InterruptedException {
        if (settings.claim() == Claim.LOCK) {
            drainLocked();
        } else {
            boolean more;
            do {
                more = drainLeased();
            } while (more);
        }
    }

    private void drainUntilStopped() {
        while (stillRunning()) {
            boolean more = false;
            try {
                more = settings.claim() == Claim.LOCK ? drainLocked() : drainLeased();
            } catch (InterruptedException e) {
                synchronized (this) {
                    stopping = true;
                }
            } catch (RuntimeException e) {
                log.warn("Could not read the {} queue; trying again: {}", name, e.getMessage());
            }
            if (!more) {
                try {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    synchronized (this) {
                        stopping = true;
                    }
                }
            }
        }
    }

    /** A stop seen here ends the thread; one not seen yet leaves it to a start that follows. */
    private synchronized boolean stillRunning() {
        if (stopping) {
            drainer = null;
        }
        return !stopping;
    }

    /** One item at a time, each claimed, worked and recorded in a transaction of its own, until none is due; false: none is. */
    private boolean drainLocked() {
        try {
            boolean more = true;
            while (more && !stopping) {
                more = Boolean.TRUE.equals(transaction.execute(status -> {
                    List<T> item = store.claim(clock.instant(), 1);
                    claimed.increment(item.size());
                    return !item.isEmpty() && worker.work(item.getFirst());
                }));
            }
            return false;
        } finally {
            worker.drained();
        }
    }

    /** Claims what can be worked now (so a claimed item never waits out its lease in memory); true when more may be due. */
    private boolean drainLeased() throws InterruptedException {
        if (farSideDown) {
            farSideDown = false;
            return false;
        }
        if (!inFlight.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        int available = 1 + inFlight.drainPermits();
        int limit = Math.min(available, settings.batchSize());
        List<T> items;
        try {
            items = store.claim(clock.instant(), limit);
        } catch (RuntimeException e) {
            inFlight.release(available);
            throw e;
        }
        // A store that took more than asked has leased them all the same: each is worked, those past the permits taken
        // without one, so the queue never gives back more permits than it took (a negative release would end the drain).
        int withPermit = Math.min(items.size(), available);
        if (items.size() > limit) {
            log.warn("The {} queue's store claimed {} items when asked for at most {}; working them all", name, items.size(), limit);
        }
        inFlight.release(available - withPermit);
        claimed.increment(items.size());
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            boolean holdsPermit = i < withPermit;
            work.execute(() -> {
                try {
                    if (!worker.work(item)) {
                        farSideDown = true;
                    }
                } finally {
                    if (holdsPermit) {
                        inFlight.release();
                    }
                }
            });
        }
        return items.size() >= limit;
    }
}
