package io.leadflow.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Reports and the planner count whole UTC days: a day is the same span for leads in every zone and on every server,
 * so two managers asking for the same dates get the same numbers.
 */
public final class ReportDays {

    private ReportDays() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The first instant of {@code day}; a period's end day is exclusive, so its start is the period's end. */
    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
