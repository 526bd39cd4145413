package io.leadflow.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Each mailbox's sending slots in PostgreSQL: an email takes a slot in the hour it goes, under the mailbox's hourly
 * and daily ({@code UTC}) limit. The slots are counted and taken under a lock on the mailbox's row, so leadflow nodes
 * sharing the database never give a mailbox more than its limit; an email keeps its slot (by its idempotency key)
 * when its job runs again.
 */
@Component
public class SendingQuota {

    private final JdbcClient jdbc;
    private final SendingLimits limits;
    private final MeterRegistry meters;
    private final Set<String> measured = ConcurrentHashMap.newKeySet();

    SendingQuota(JdbcClient jdbc, SendingLimits limits, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.meters = meters;
    }

    /**
     * A mailbox: its address, which its limit counts by, and the name its metrics carry (a rep's username, or
     * leadflow: never an address).
     */
    public record Sender(String address, String name) {
    }

    /** The slot an email has in its mailbox: when it goes, what moved it there (if anything), and the limit. */
    public record Reservation(String mailbox, SendSlots.Slot slot, SendingLimit limit) {
    }

    /**
     * The slot of the email with this key ({@link SendSlots#reserve}), under the mailbox's limit
     * ({@link SendingLimits}); nodes sharing the database take the mailbox's slots one at a time.
     */
    @Transactional
    public Reservation reserve(String key, Sender sender, Instant now, UnaryOperator<Instant> workingMoment) {
        String mailbox = sender.address();
        SendingLimit limit = limits.of(mailbox);
        lock(mailbox);
        SendSlots.Slot slot = SendSlots.reserve(new StoredSlots(mailbox, now), key, now, limit, workingMoment);
        measure(sender);
        if (slot.deferred()) {
            Counter.builder("leadflow.mailbox.deferred").description("Sequence emails moved to a later slot by their mailbox's limit")
                    .tags("mailbox", sender.name(), "limit", slot.full().name().toLowerCase(Locale.ROOT)).register(meters).increment();
        }
        return new Reservation(mailbox, slot, limit);
    }

    /** The mailbox's slots in {@code mailbox_send_slot}; a slot taken is reserved {@code now}. */
    private final class StoredSlots implements SendSlots.Ledger {
        private final String mailbox;
        private final Instant now;

        StoredSlots(String mailbox, Instant now) {
            this.mailbox = mailbox;
            this.now = now;
        }

        @Override
        public Optional<Instant> held(String key) {
            return jdbc.sql("select slot_at from mailbox_send_slot where idempotency_key = ?").param(key)
                    .query(Timestamp.class).optional().map(Timestamp::toInstant);
        }

        @Override
        public void forget(String key, Instant before) {
            jdbc.sql("delete from mailbox_send_slot where mailbox = ? and slot_at < ?").params(mailbox, Timestamp.from(before)).update();
            jdbc.sql("delete from mailbox_send_slot where idempotency_key = ?").param(key).update();
        }

        @Override
        public List<Instant> takenSince(Instant from) {
            return jdbc.sql("select slot_at from mailbox_send_slot where mailbox = ? and slot_at >= ?")
                    .params(mailbox, Timestamp.from(from)).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
        }

        @Override
        public void take(String key, Instant at) {
            jdbc.sql("insert into mailbox_send_slot (idempotency_key, mailbox, slot_at, reserved_at) values (?, ?, ?, ?)")
                    .params(key, mailbox, Timestamp.from(at), Timestamp.from(now)).update();
        }
    }

    /** Frees the slots still to come of the emails whose keys start so (a sequence that ended). */
    @Transactional
    public void release(String keyPrefix, Instant now) {
        jdbc.sql("delete from mailbox_send_slot where idempotency_key like ? and slot_at > ?")
                .params(keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%", Timestamp.from(now)).update();
    }

    /** The mailbox's row, created the first time, locked until the caller's transaction ends. */
    private void lock(String mailbox) {
        jdbc.sql("insert into mailbox_send_lock (mailbox) values (?) on conflict do nothing").param(mailbox).update();
        jdbc.sql("select mailbox from mailbox_send_lock where mailbox = ? for update").param(mailbox).query(String.class).single();
    }

    /** A sequence email was queued to go from the mailbox now. */
    public void sent(Sender sender) {
        Counter.builder("leadflow.mailbox.sent").description("Sequence emails queued to go from the mailbox")
                .tag("mailbox", sender.name()).register(meters).increment();
    }

    /** The mailbox's limits as gauges, read from {@link SendingLimits#of} at each scrape, once it has sent. */
    private void measure(Sender sender) {
        if (measured.add(sender.name())) {
            Gauge.builder("leadflow.mailbox.limit", () -> limits.of(sender.address()).perHour())
                    .description("Sequence emails the mailbox may send").tags("mailbox", sender.name(), "period", "hour").register(meters);
            Gauge.builder("leadflow.mailbox.limit", () -> limits.of(sender.address()).perDay())
                    .description("Sequence emails the mailbox may send").tags("mailbox", sender.name(), "period", "day").register(meters);
        }
    }
}
