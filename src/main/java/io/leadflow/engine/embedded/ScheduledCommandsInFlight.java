package io.leadflow.engine.embedded;

import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StageableScheduledCommandCache;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StagedScheduledCommandCache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The scheduled commands written to the log and not processed yet (timer triggers, job time-outs and recurrences,
 * message expiries), kept as a broker keeps them (its {@code BoundedScheduledCommandCache}, same intents): the
 * engine's due-date checkers run again while their last commands still wait in a busy log, and skip a command that is
 * on its way instead of writing it again for the engine to reject. The stream processor forgets a key once it has
 * processed its command; after a restart every due command is written once more. Bounded: an intent with more keys
 * than {@link #BOUND} forgets them all (a command may then be written twice, which the engine rejects, as before).
 */
final class ScheduledCommandsInFlight implements StageableScheduledCommandCache {

    static final int BOUND = 100_000;

    private final Map<Intent, Set<Long>> keys = Stream.of(TimerIntent.TRIGGER, JobIntent.TIME_OUT, JobIntent.RECUR_AFTER_BACKOFF,
            MessageIntent.EXPIRE).collect(Collectors.toUnmodifiableMap(intent -> intent, intent -> ConcurrentHashMap.newKeySet()));

    @Override
    public void add(Intent intent, long key) {
        Set<Long> inFlight = keys.get(intent);
        if (inFlight != null) {
            if (inFlight.size() >= BOUND) {
                inFlight.clear();
            }
            inFlight.add(key);
        }
    }

    @Override
    public boolean contains(Intent intent, long key) {
        Set<Long> inFlight = keys.get(intent);
        return inFlight != null && inFlight.contains(key);
    }

    @Override
    public void remove(Intent intent, long key) {
        Set<Long> inFlight = keys.get(intent);
        if (inFlight != null) {
            inFlight.remove(key);
        }
    }

    @Override
    public void clear() {
        keys.values().forEach(Set::clear);
    }

    /** The commands one scheduled task writes: kept once the task's commands are written, forgotten if they are not. */
    @Override
    public StagedScheduledCommandCache stage() {
        return new StagedScheduledCommandCache() {
            private final Map<Intent, Set<Long>> staged = new HashMap<>();

            @Override
            public void add(Intent intent, long key) {
                staged.computeIfAbsent(intent, ignored -> new HashSet<>()).add(key);
            }

            @Override
            public boolean contains(Intent intent, long key) {
                return staged.getOrDefault(intent, Set.of()).contains(key) || ScheduledCommandsInFlight.this.contains(intent, key);
            }

            @Override
            public void remove(Intent intent, long key) {
                Set<Long> stagedKeys = staged.get(intent);
                if (stagedKeys != null) {
                    stagedKeys.remove(key);
                }
            }

            @Override
            public void clear() {
                staged.clear();
            }

            @Override
            public void persist() {
                staged.forEach((intent, stagedKeys) -> stagedKeys.forEach(key -> ScheduledCommandsInFlight.this.add(intent, key)));
            }

            @Override
            public void rollback() {
                staged.forEach((intent, stagedKeys) -> stagedKeys.forEach(key -> ScheduledCommandsInFlight.this.remove(intent, key)));
            }
        };
    }
}
