package io.leadflow.assignment;

import io.leadflow.assignment.internal.DirectoryRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Marketing's side of the SLA (seed 004): the leads handed to each rep in a calendar month (UTC) against the quota
 * marketing promises every active rep ({@code leadflow.assignment.monthly-lead-quota}), per rep, team and in all. A
 * lead counts for the rep it was first handed to (a reassignment is sales' move, not a new delivery). In the month
 * under way the quota is expected pro rata of the month gone by: {@code behind} flags a delivery short of that.
 */
@Component
public class LeadQuota {

    /**
     * A rep's, a team's or everyone's month: {@code quota} the leads promised in the whole month, {@code expected} by now
     * (the whole quota once the month is over), {@code shortfall} the leads still owed by now, {@code attainment}
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

    /** The month's standings; {@code elapsed} is the share of the month gone by (1 once it is over, 0 before it starts). */
    public record Month(YearMonth month, int quotaPerRep, double elapsed, List<Standing> reps, List<Standing> teams,
                       Standing total) {
    }

    private final DirectoryRepository directory;
    private final Clock clock;
    private final int quotaPerRep;

    LeadQuota(DirectoryRepository directory, Clock clock, AssignmentProperties settings, MeterRegistry meters) {
        this.directory = directory;
        this.clock = clock;
        this.quotaPerRep = settings.monthlyLeadQuota();
        Gauge.builder("leadflow.quota.shortfall", this, quota -> quota.of(YearMonth.now(clock.withZone(ZoneOffset.UTC))).total().shortfall())
                .description("Leads owed to sales by now this month: the quota expected pro rata minus the leads delivered")
                .register(meters);
        Gauge.builder("leadflow.quota.attainment", this, quota -> quota.of(YearMonth.now(clock.withZone(ZoneOffset.UTC))).total().attainment())
                .description("Leads delivered this month over the month's quota (every active rep's)").register(meters);
    }

    /** The standings of a calendar month (UTC): the active reps, and those who left with leads delivered that month. */
    @Transactional(readOnly = true)
    public Month of(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double elapsed = Math.clamp((double) Duration.between(start, clock.instant()).toSeconds()
                / Duration.between(start, end).toSeconds(), 0, 1);
        Map<String, Long> delivered = directory.delivered(start, end);
        List<Standing> reps = new ArrayList<>();
        Map<String, long[]> teams = new TreeMap<>();
        for (RepWorkload workload : directory.workloads(start)) {
            Rep rep = workload.rep();
            long leads = delivered.getOrDefault(rep.username(), 0L);
            if (!rep.active() && leads == 0) {
                continue;
            }
            long quota = rep.active() ? quotaPerRep : 0;
            reps.add(Standing.of(rep.username(), rep.team(), quota, leads, elapsed));
            long[] team = teams.computeIfAbsent(rep.team(), name -> new long[2]);
            team[0] += quota;
            team[1] += leads;
        }
        List<Standing> byTeam = teams.entrySet().stream()
                .map(team -> Standing.of(team.getKey(), team.getKey(), team.getValue()[0], team.getValue()[1], elapsed)).toList();
        Standing total = Standing.of("total", null, byTeam.stream().mapToLong(Standing::quota).sum(),
                byTeam.stream().mapToLong(Standing::delivered).sum(), elapsed);
        return new Month(month, quotaPerRep, elapsed, reps, byTeam, total);
    }
}
