package io.leadflow.assignment;

import java.time.LocalDate;

/**
 * A rep as the directory holds them.
 *
 * @param active          false: the rep works no new leads (left, or not started yet)
 * @param away            the rep is skipped by the rotation while away
 * @param awayUntil       the day an away rep is back, if known; from that day the rep takes turns again
 * @param monthlyCapacity the most leads the rotation gives the rep in a calendar month (UTC)
 */
public record Rep(String username, String name, String email, String team, boolean active, boolean away,
                  LocalDate awayUntil, int monthlyCapacity) {

    /** Whether the rep is at work on this day: not away, or back by then. */
    public boolean presentOn(LocalDate day) {
        return !away || (awayUntil != null && !day.isBefore(awayUntil));
    }

    public Person person() {
        return new Person(username, name, email);
    }
}
