package io.leadflow.assignment;

import io.leadflow.assignment.internal.DirectoryRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Marketing's side of the SLA (seed 004): the leads handed to each rep in a period of whole UTC days against the quota
 * marketing promises every active rep each calendar month ({@code leadflow.assignment.monthly-lead-quota}), per rep,
 * team and in all; a period owes the share of each month it covers ({@link #monthsIn}). A lead counts for the rep it was
 * first handed to (a reassignment is sales' move, not a new delivery). In a period under way the quota is expected pro
 * rata of the period gone by: {@code behind} flags a delivery short of that.
 */
@Component
public class LeadQuota {

    /**
     * A rep's, a team's or everyone's period: {@code quota} the leads promised in the whole period, {@code expected} by
     * now (the whole quota once the period is over), {@code shortfall} the leads still owed by now, {@code attainment}
     * delivered over quota.
     */
    public record Standing(String name, String team, long quota, long delivered, long expected, long shortfall,
                           double attainment, boolean behind) {

        static Standing of(String name, String team, long quota, long delivered, double elapsed) {
            long expected = (long) Math.floor(quota * elapsed);
            long shortfall = Math.max(0, expected - delivered);
            return new Standing(name, team, quota, delivered, expected, shortfall,
                    quota == 0 ? 0 : Math.round(delivered * 10000.0 / quota) / 10000.0, shortfall > 0);
        }
    }

    /**
     * The standings of [from, to): {@code quotaPerRep} a month's, {@code months} the calendar months the period covers,
     * {@code elapsed} the share of the period gone by (1 once it is over, 0 before it starts).
     */
    public record Period(LocalDate from, LocalDate to, int quotaPerRep, double months, double elapsed, List<Standing> reps,
                         List<Standing> teams, Standing total) {
    }

    private final DirectoryRepository directory;
    private final Clock clock;
    private final int quotaPerRep;

    LeadQuota(DirectoryRepository directory, Clock clock, AssignmentProperties settings, MeterRegistry meters) {
        this.directory = directory;
        this.clock = clock;
        this.quotaPerRep = settings.monthlyLeadQuota();
        Gauge.builder("leadflow.quota.shortfall", this, quota -> quota.of(thisMonth()).total().shortfall())
                .description("Leads owed to sales by now this month: the quota expected pro rata minus the leads delivered")
                .register(meters);
        Gauge.builder("leadflow.quota.attainment", this, quota -> quota.of(thisMonth()).total().attainment())
                .description("Leads delivered this month over the month's quota (every active rep's)").register(meters);
    }

    private YearMonth thisMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * The calendar months [from, to) covers, each month counting the share of its days in the period: 1 for a whole
     * month, 7/30 for a week of a 30-day month.
     */
    public static double monthsIn(LocalDate from, LocalDate to) {
        double months = 0;
        for (LocalDate start = from; start.isBefore(to); ) {
            YearMonth month = YearMonth.from(start);
            LocalDate end = month.plusMonths(1).atDay(1);
            LocalDate until = end.isBefore(to) ? end : to;
            months += (double) ChronoUnit.DAYS.between(start, until) / month.lengthOfMonth();
            start = until;
        }
        return months;
    }

    /** The standings of a calendar month (UTC), every rep's. */
    @Transactional(readOnly = true)
    public Period of(YearMonth month) {
        return of(month.atDay(1), month.plusMonths(1).atDay(1), null);
    }

    /**
     * The standings of [from, to) in UTC days: the active reps, and those who left with leads delivered then; only
     * {@code owners}' (null: every rep's), their teams and their total.
     */
    @Transactional(readOnly = true)
    public Period of(LocalDate from, LocalDate to, Set<String> owners) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        double elapsed = Math.clamp((double) Duration.between(start, clock.instant()).toSeconds()
                / Duration.between(start, end).toSeconds(), 0, 1);
        double months = monthsIn(from, to);
        long periodQuota = Math.round(quotaPerRep * months);
        Map<String, Long> delivered = directory.delivered(start, end);
        List<Standing> reps = new ArrayList<>();
        Map<String, long[]> teams = new TreeMap<>();
        for (RepWorkload workload : directory.workloads(start)) {
            Rep rep = workload.rep();
            long leads = delivered.getOrDefault(rep.username(), 0L);
            if (!rep.active() && leads == 0 || owners != null && !owners.contains(rep.username())) {
                continue;
            }
            long quota = rep.active() ? periodQuota : 0;
            reps.add(Standing.of(rep.username(), rep.team(), quota, leads, elapsed));
            long[] team = teams.computeIfAbsent(rep.team(), name -> new long[2]);
            team[0] += quota;
            team[1] += leads;
        }
        List<Standing> byTeam = teams.entrySet().stream()
                .map(team -> Standing.of(team.getKey(), team.getKey(), team.getValue()[0], team.getValue()[1], elapsed)).toList();
        Standing total = Standing.of("total", null, byTeam.stream().mapToLong(Standing::quota).sum(),
                byTeam.stream().mapToLong(Standing::delivered).sum(), elapsed);
        return new Period(from, to, quotaPerRep, months, elapsed, reps, byTeam, total);
    }
}
