package io.leadflow.reports.internal;

import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.reports.ReportDays;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A report's period as the API takes it: {@code from} (inclusive) to {@code to} (exclusive), whole days in UTC. */
record ApiPeriod(LocalDate from, LocalDate to) {

    /**
     * The period asked for, {@code since} filling a missing {@code from} and tomorrow (UTC) a missing {@code to}.
     *
     * @throws InvalidRequestException naming the date at fault when the period is empty
     */
    static ApiPeriod of(LocalDate from, LocalDate to, LocalDate since, Clock clock) {
        LocalDate start = from == null ? since : from;
        LocalDate end = to == null ? ReportDays.today(clock).plusDays(1) : to;
        if (!end.isAfter(start)) {
            throw new InvalidRequestException("The period is empty", List.of(to == null
                    ? new FieldError("from", "must not be after today when to is not given")
                    : new FieldError("to", "must be after from (to is exclusive)")));
        }
        return new ApiPeriod(start, end);
    }

    /** The month to date (UTC) filling what is not given, as most reports take it. */
    static ApiPeriod monthToDate(LocalDate from, LocalDate to, Clock clock) {
        return of(from, to, ReportDays.today(clock).withDayOfMonth(1), clock);
    }

    Instant start() {
        return ReportDays.start(from);
    }

    Instant end() {
        return ReportDays.start(to);
    }

    boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }
}
