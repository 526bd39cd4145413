package io.leadflow.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Makes leadflow's {@link WorkQueue}s, starts them once the engine's client is up and stops them before it (taking no
 * more, then waiting for the work in flight), and shows each one's backlog in the health ({@code workQueues}): a
 * backlog is a number to act on, not an outage. Each queue counts the items it takes ({@code leadflow.queue.claimed},
 * by queue).
 */
@Component
public class WorkQueues implements HealthIndicator, SmartLifecycle {

    private final Map<String, WorkQueue<?>> queues = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private volatile boolean running;

    public WorkQueues(Clock clock, TransactionTemplate transaction, MeterRegistry meters) {
        this.clock = clock;
        this.transaction = transaction;
        this.meters = meters;
    }

    public <T> WorkQueue<T> create(String name, WorkQueue.Settings settings, WorkQueue.Store<T> store,
                                   WorkQueue.Worker<T> worker) {
        Counter claimed = Counter.builder("leadflow.queue.claimed").description("Items a work queue took to work")
                .tag("queue", name).register(meters);
        WorkQueue<T> queue = new WorkQueue<>(name, store, worker, settings, clock, transaction, claimed);
        if (queues.putIfAbsent(name, queue) != null) {
            throw new IllegalStateException("A work queue named " + name + " exists already");
        }
        return queue;
    }

    @Override
    public void start() {
        queues.values().forEach(WorkQueue::start);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        queues.values().forEach(WorkQueue::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the engine's client, before it on the way down: starts and completions are sent to the engine. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    /** UP, with each queue's pending, due and oldest due items. */
    @Override
    public Health health() {
        Health.Builder health = Health.up();
        queues.forEach((name, queue) -> health.withDetail(name, queue.backlog()));
        return health.build();
    }
}
