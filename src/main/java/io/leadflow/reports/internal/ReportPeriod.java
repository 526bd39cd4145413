package io.leadflow.reports.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The period the managers' page shows, as its picker names it, in whole UTC days: {@code first} to {@code last}, both
 * included (the reports API's {@code to} is the day after {@code last}). A period under way ends today.
 */
record ReportPeriod(Kind kind, LocalDate first, LocalDate last) {

    enum Kind {
        THIS_WEEK, THIS_MONTH, LAST_MONTH, LAST_QUARTER, CUSTOM;

        /** The picker's value: this-week, last-quarter… */
        String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A period as the page's URL gives it, with the custom dates that could not be read (the fields' names). */
    record Chosen(ReportPeriod period, List<String> errors) {
    }

    /** The API's exclusive end. */
    LocalDate to() {
        return last.plusDays(1);
    }

    /**
     * The period the picker's value names (blank or unknown: this month), on {@code today}; custom takes {@code from} and
     * {@code to} (ISO dates, both included), and falls back to this month when they are missing, unreadable or reversed.
     */
    static Chosen of(String value, String from, String to, LocalDate today) {
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.value().equals(value)).findFirst().orElse(Kind.THIS_MONTH);
        return switch (kind) {
            case THIS_WEEK -> chosen(kind, today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
            case THIS_MONTH -> chosen(kind, today.withDayOfMonth(1), today);
            case LAST_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield chosen(kind, first, first.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case LAST_QUARTER -> {
                LocalDate thisQuarter = today.with(IsoFields.DAY_OF_QUARTER, 1);
                yield chosen(kind, thisQuarter.minusMonths(3), thisQuarter.minusDays(1));
            }
            case CUSTOM -> custom(from, to, today);
        };
    }

    private static Chosen custom(String from, String to, LocalDate today) {
        List<String> errors = new ArrayList<>();
        LocalDate first = date(from, "from", errors);
        LocalDate last = date(to, "to", errors);
        if (errors.isEmpty() && last.isBefore(first)) {
            errors.add("to");
        }
        return errors.isEmpty() ? chosen(Kind.CUSTOM, first, last)
                : new Chosen(new ReportPeriod(Kind.THIS_MONTH, today.withDayOfMonth(1), today), errors);
    }

    private static LocalDate date(String value, String field, List<String> errors) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field);
            return null;
        }
    }

    private static Chosen chosen(Kind kind, LocalDate first, LocalDate last) {
        return new Chosen(new ReportPeriod(kind, first, last), List.of());
    }
}
