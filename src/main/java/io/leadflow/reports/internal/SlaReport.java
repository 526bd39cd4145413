package io.leadflow.reports.internal;

import io.leadflow.assignment.SlaQuery;
import io.leadflow.sequence.SequenceStats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /api/reports/sla: how the first attempts due in the period kept the SLA, per week, and the breaches to act on:
 * the latest {@link #BREACHES_SHOWN}, newest first, of {@code breachesTotal}.
 */
record SlaReport(LocalDate from, LocalDate to, FirstAttempt firstAttempt, List<Week> byWeek, long breachesTotal,
                 List<SlaQuery.Breach> breaches) implements CsvTable {

    /** A page's worth: a manager acts on the latest; the counts above cover the rest. */
    static final int BREACHES_SHOWN = 100;

    record FirstAttempt(long due, long met, long breached, double compliance, Double medianWorkingHoursToFirstAttempt) {
    }

    record Week(String week, long due, long met, long breached, double compliance) {
    }

    static SlaReport of(LocalDate from, LocalDate to, SequenceStats.FirstAttemptsByWeek firstAttempts, SlaQuery.Breaches breaches) {
        SequenceStats.FirstAttempts total = firstAttempts.total();
        long due = total.met() + total.breached();
        return new SlaReport(from, to,
                new FirstAttempt(due, total.met(), total.breached(), Rates.rate(total.met(), due), Rates.hours(total.medianWorkingHours())),
                firstAttempts.weeks().stream().map(week -> new Week(week.week(), week.met() + week.breached(), week.met(), week.breached(),
                        Rates.rate(week.met(), week.met() + week.breached()))).toList(),
                breaches.total(), breaches.latest());
    }

    @Override
    public List<String> csvHeader() {
        return List.of("week", "due", "met", "breached", "compliance", "medianWorkingHoursToFirstAttempt");
    }

    /** A row per week, then the period's ("total"), which alone has the median. */
    @Override
    public List<List<?>> csvRows() {
        List<List<?>> rows = new ArrayList<>();
        byWeek.forEach(week -> rows.add(Arrays.asList(week.week(), week.due(), week.met(), week.breached(), week.compliance(), null)));
        rows.add(Arrays.asList("total", firstAttempt.due(), firstAttempt.met(), firstAttempt.breached(), firstAttempt.compliance(),
                firstAttempt.medianWorkingHoursToFirstAttempt()));
        return rows;
    }
}
