package io.leadflow.email;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A mailbox's next free sending slot: the first moment, from a given one, that is working time for the recipient and
 * whose hour and UTC day still have room under the mailbox's limit, counting the slots already taken; and an email's
 * slot as a mailbox's {@link Ledger} keeps it ({@link #reserve}), the same for leadflow's table and a replay's memory.
 */
public final class SendSlots {

    /** What moved the email: its hour was full, or a day it came to was (which says more: it waits a day). */
    public enum Full { HOUR, DAY }

    /** When the email goes, and what moved it there (null: it goes when due). */
    public record Slot(Instant at, Full full) {

        public boolean deferred() {
            return full != null;
        }
    }

    /** Where a mailbox's slots are kept, each by its email's idempotency key. */
    public interface Ledger {

        /** The slot the email of this key took, if it took one. */
        Optional<Instant> held(String key);

        /** Forgets the email's own slot, and every slot of the mailbox before {@code before}. */
        void forget(String key, Instant before);

        /** The slots of the mailbox at or after {@code from}. */
        List<Instant> takenSince(Instant from);

        /** The email of this key takes the slot {@code at}. */
        void take(String key, Instant at);
    }

    private SendSlots() {
    }

    /**
     * When an email due {@code now} goes: the recipient's next working moment ({@code workingMoment}) if now is not one;
     * else its slot in its mailbox ({@code slotLater}: empty when the slot is now), or now.
     */
    public static Instant whenItGoes(Instant now, UnaryOperator<Instant> workingMoment, Supplier<Optional<Instant>> slotLater) {
        Instant working = workingMoment.apply(now);
        return working.isAfter(now) ? working : slotLater.get().orElse(now);
    }

    /**
     * The slot of the email with this key, taken {@code now} if it has none: the first working moment
     * ({@code workingMoment}) from now with room in the mailbox's hour and day. A slot the email took before keeps
     * while its hour has not passed; one whose hour passed (the email did not go then) is given up for a new one.
     */
    public static Slot reserve(Ledger ledger, String key, Instant now, SendingLimit limit, UnaryOperator<Instant> workingMoment) {
        Optional<Instant> held = ledger.held(key);
        if (held.filter(at -> !at.truncatedTo(ChronoUnit.HOURS).isBefore(now.truncatedTo(ChronoUnit.HOURS))).isPresent()) {
            return new Slot(held.get(), null);
        }
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        // Slots of days before yesterday count for nothing any more.
        ledger.forget(key, today.minus(1, ChronoUnit.DAYS));
        Slot slot = next(now, limit, ledger.takenSince(today), workingMoment);
        ledger.take(key, slot.at());
        return slot;
    }

    /**
     * The slot at or after {@code from} ({@code workingMoment} gives the recipient's working moment at or after an
     * instant); each of {@code taken} is an email of the mailbox already given its slot (its hour and day counted).
     */
    public static Slot next(Instant from, SendingLimit limit, Collection<Instant> taken, UnaryOperator<Instant> workingMoment) {
        Map<Instant, Integer> perHour = new HashMap<>();
        Map<Instant, Integer> perDay = new HashMap<>();
        for (Instant slot : taken) {
            perHour.merge(slot.truncatedTo(ChronoUnit.HOURS), 1, Integer::sum);
            perDay.merge(slot.truncatedTo(ChronoUnit.DAYS), 1, Integer::sum);
        }
        Instant at = workingMoment.apply(from);
        Full full = null;
        // Ends: each turn moves to a later hour, and only finitely many hours are taken.
        while (true) {
            Instant day = at.truncatedTo(ChronoUnit.DAYS);
            Instant hour = at.truncatedTo(ChronoUnit.HOURS);
            if (perDay.getOrDefault(day, 0) >= limit.perDay()) {
                full = Full.DAY;
                at = workingMoment.apply(day.plus(1, ChronoUnit.DAYS));
            } else if (perHour.getOrDefault(hour, 0) >= limit.perHour()) {
                full = full == null ? Full.HOUR : full;
                at = workingMoment.apply(hour.plus(1, ChronoUnit.HOURS));
            } else {
                return new Slot(at, full);
            }
        }
    }
}
