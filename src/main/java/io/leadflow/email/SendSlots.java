package io.leadflow.email;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A mailbox's next free sending slot: the first moment, from a given one, that is working time for the recipient and
 * whose hour and UTC day still have room under the mailbox's limit, counting the slots already taken.
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

    private SendSlots() {
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
