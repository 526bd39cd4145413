package io.leadflow.reports.internal;

import io.leadflow.assignment.LeadQuota;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /api/reports/quota: marketing's side of the SLA, the leads handed to each rep and team in a month against the
 * quota ({@link LeadQuota}); a line {@code behind} owes {@code shortfall} leads by now.
 */
record QuotaReport(YearMonth month, int quotaPerRep, double elapsed, List<Line> reps, List<Line> teams, Line total)
        implements CsvTable {

    /** A rep's (name: the username), a team's or everyone's month. */
    record Line(String name, String team, long quota, long delivered, long expected, long shortfall, double attainment,
                boolean behind) {

        static Line of(LeadQuota.Standing standing) {
            return new Line(standing.name(), standing.team(), standing.quota(), standing.delivered(), standing.expected(),
                    standing.shortfall(), standing.attainment(), standing.behind());
        }
    }

    static QuotaReport of(LeadQuota.Month month) {
        return new QuotaReport(month.month(), month.quotaPerRep(), month.elapsed(),
                month.reps().stream().map(Line::of).toList(), month.teams().stream().map(Line::of).toList(), Line.of(month.total()));
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
