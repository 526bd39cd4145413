package io.leadflow.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue's drain over an owner's table kept in memory. */
class WorkQueueTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TransactionsSeen transactions = new TransactionsSeen();
    private final WorkQueues queues = new WorkQueues(Clock.systemUTC(), transactions, meters);
    private final Table table = new Table();

    @Test
    void leasedItemsAreEachWorkedOnceAndNoMoreAtOnceThanAllowed() throws Exception {
        IntStream.range(0, 200).forEach(table.rows::add);
        CountDownLatch allWorked = new CountDownLatch(200);
        Map<Integer, Integer> workedTimes = new ConcurrentHashMap<>();
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        WorkQueue<Integer> queue = queues.create("leased", settings(WorkQueue.Claim.LEASE, 4), table, item -> {
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            workedTimes.merge(item, 1, Integer::sum);
            atOnce.decrementAndGet();
            allWorked.countDown();
            return true;
        });
        queue.start();
        try {
            assertThat(allWorked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            queue.stop();
        }
        assertThat(workedTimes).hasSize(200).allSatisfy((item, times) -> assertThat(times).as("item %d", item).isEqualTo(1));
        assertThat(mostAtOnce.get()).isBetween(1, 4);
        assertThat(table.largestClaim).isLessThanOrEqualTo(4);
        assertThat(meters.get("leadflow.queue.claimed").tag("queue", "leased").counter().count()).isEqualTo(200);
    }

    @Test
    void aStoreThatClaimsMoreThanAskedHasEachWorkedAndTheQueueGoesOn() throws Exception {
        IntStream.range(0, 10).forEach(table.rows::add);
        CountDownLatch allWorked = new CountDownLatch(13);
        Map<Integer, Integer> workedTimes = new ConcurrentHashMap<>();
        WorkQueue.Store<Integer> takesEverything = WorkQueue.Store.of((now, limit) -> table.claim(now, Integer.MAX_VALUE), table::backlog);
        WorkQueue<Integer> queue = queues.create("greedy", settings(WorkQueue.Claim.LEASE, 4), takesEverything, item -> {
            workedTimes.merge(item, 1, Integer::sum);
            allWorked.countDown();
            return true;
        });
        queue.start();
        try {
            await().atMost(PATIENCE).until(() -> workedTimes.size() == 10);
            // Rows that come after the greedy claim are still taken: the queue kept its permits.
            IntStream.range(10, 13).forEach(table.rows::add);
            queue.wake();
            assertThat(allWorked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            queue.stop();
        }
        assertThat(workedTimes).hasSize(13).allSatisfy((item, times) -> assertThat(times).as("item %d", item).isEqualTo(1));
    }

    @Test
    void lockedItemsAreWorkedOneAtATimeEachInTheTransactionThatClaimedIt() throws Exception {
        IntStream.range(0, 5).forEach(table.rows::add);
        List<Integer> worked = new ArrayList<>();
        WorkQueue<Integer> queue = queues.create("locked", settings(WorkQueue.Claim.LOCK, 8), table, item -> {
            assertThat(transactions.open).as("in the claim's transaction").isTrue();
            worked.add(item);
            return true;
        });

        queue.drain();

        assertThat(worked).containsExactly(0, 1, 2, 3, 4);
        assertThat(table.largestClaim).isEqualTo(1);
        // One per item, and the one that found nothing left.
        assertThat(transactions.count).isEqualTo(6);
    }

    @Test
    void aFarSideThatIsDownEndsTheDrainAndLeavesTheRestWaiting() throws Exception {
        IntStream.range(0, 5).forEach(table.rows::add);
        List<Integer> drained = Collections.synchronizedList(new ArrayList<>());
        WorkQueue<Integer> queue = queues.create("down", settings(WorkQueue.Claim.LOCK, 1), table, new WorkQueue.Worker<>() {
            @Override
            public boolean work(Integer item) {
                return false;
            }

            @Override
            public void drained() {
                drained.add(table.rows.size());
            }
        });

        queue.drain();

        assertThat(drained).containsExactly(4);
    }

    @Test
    void theHealthShowsEachQueuesBacklog() {
        IntStream.range(0, 3).forEach(table.rows::add);
        queues.create("mail", settings(WorkQueue.Claim.LOCK, 1), table, item -> true);
        queues.create("process-starts", settings(WorkQueue.Claim.LEASE, 4), new Table(), item -> true);

        var health = queues.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mail", new WorkQueue.Backlog(3, 3, 0))
                .containsEntry("process-starts", new WorkQueue.Backlog(0, 0, 0));
    }

    private static WorkQueue.Settings settings(WorkQueue.Claim claim, int maxInFlight) {
        return new WorkQueue.Settings(claim, maxInFlight, 100, Duration.ofMillis(50), Duration.ofSeconds(10));
    }

    /** Rows due at once; a claim takes them off (the lease never runs out here). */
    private static final class Table implements WorkQueue.Store<Integer> {

        final Queue<Integer> rows = new ConcurrentLinkedQueue<>();
        volatile int largestClaim;

        @Override
        public synchronized List<Integer> claim(Instant now, int limit) {
            largestClaim = Math.max(largestClaim, limit);
            List<Integer> claimed = new ArrayList<>();
            while (claimed.size() < limit && !rows.isEmpty()) {
                claimed.add(rows.poll());
            }
            return claimed;
        }

        @Override
        public WorkQueue.Backlog backlog(Instant now) {
            return new WorkQueue.Backlog(rows.size(), rows.size(), 0);
        }
    }

    /** Runs each callback as if in a transaction, and counts them. */
    private static final class TransactionsSeen extends TransactionTemplate {

        volatile boolean open;
        int count;

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            count++;
            open = true;
            try {
                return action.doInTransaction(null);
            } finally {
                open = false;
            }
        }
    }
}
