package io.leadflow.reports.internal;

import io.leadflow.assignment.LeadQuota;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /api/reports/quota: marketing's side of the SLA, the leads handed to each rep and team in a period [from, to)
 * against the quota ({@link LeadQuota}); a line {@code behind} owes {@code shortfall} leads by now. {@code month} names
 * the period when it is one calendar month, else null.
 */
record QuotaReport(LocalDate from, LocalDate to, YearMonth month, int quotaPerRep, double months, double elapsed,
                   List<Line> reps, List<Line> teams, Line total) implements CsvTable {

    /** A rep's (name: the username), a team's or everyone's month. */
    record Line(String name, String team, long quota, long delivered, long expected, long shortfall, double attainment,
                boolean behind) {

        static Line of(LeadQuota.Standing standing) {
            return new Line(standing.name(), standing.team(), standing.quota(), standing.delivered(), standing.expected(),
                    standing.shortfall(), standing.attainment(), standing.behind());
        }
    }

    static QuotaReport of(LeadQuota.Period period) {
        YearMonth month = YearMonth.from(period.from());
        boolean oneMonth = period.from().equals(month.atDay(1)) && period.to().equals(month.plusMonths(1).atDay(1));
        return new QuotaReport(period.from(), period.to(), oneMonth ? month : null, period.quotaPerRep(), period.months(),
                period.elapsed(), period.reps().stream().map(Line::of).toList(), period.teams().stream().map(Line::of).toList(),
                Line.of(period.total()));
    }

    @Override
    public List<String> csvHeader() {
        return List.of("level", "name", "team", "quota", "delivered", "expected", "shortfall", "attainment", "behind");
    }

    @Override
    public List<List<?>> csvRows() {
        List<List<?>> rows = new ArrayList<>();
        reps.forEach(rep -> rows.add(row("rep", rep)));
        teams.forEach(team -> rows.add(row("team", team)));
        rows.add(row("total", total));
        return rows;
    }

    private static List<?> row(String level, Line line) {
        return Arrays.asList(level, line.name(), line.team(), line.quota(), line.delivered(), line.expected(), line.shortfall(),
                line.attainment(), line.behind());
    }
}
