package io.leadflow.reports;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.FunnelQuery;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.reports.Plan.Funnel;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The revenue planner of seeds 002 and 004: from a monthly revenue goal back up the funnel to the prospects it needs,
 * rounding up at every step (a third of a customer is a customer to find), shared among the reps, checked against
 * their time, and set against the month so far.
 */
@Service
public class RevenuePlanner {

    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);
    /** Measured rates are kept to this many decimals (0.123457 is 12.3457 %). */
    private static final int RATE_SCALE = 6;

    private final PlannerProperties settings;
    private final FunnelQuery stages;
    private final RepDirectory directory;
    private final Clock clock;

    RevenuePlanner(PlannerProperties settings, FunnelQuery stages, RepDirectory directory, Clock clock) {
        this.settings = settings;
        this.stages = stages;
        this.directory = directory;
        this.clock = clock;
    }

    public Plan plan(PlanRequest request) {
        PlanRequest.Assumptions assumptions = request.resolve(settings,
                () -> (int) directory.workloads().stream().filter(workload -> workload.rep().active()).count());
        LocalDate today = ReportDays.today(clock);
        LocalDate monthStart = today.withDayOfMonth(1);

        ConversionRates rates = assumptions.conversion();
        Plan.Measured measured = null;
        if (assumptions.measured()) {
            LocalDate from = monthStart.minusMonths(assumptions.months());
            Map<LeadStage, Long> reached = stages.reached(ReportDays.start(from), ReportDays.start(monthStart));
            List<String> defaulted = new ArrayList<>();
            rates = measuredRates(reached, rates, defaulted);
            measured = new Plan.Measured(from, monthStart, reached.get(LeadStage.LEAD), defaulted);
        }

        Funnel perMonth = needed(assumptions.revenueGoal(), assumptions.averageDealSize(), rates);
        Funnel perRep = perMonth.map(count -> Math.ceilDiv(count, assumptions.reps()));
        Funnel monthToDate = Funnel.reached(stages.reached(ReportDays.start(monthStart), ReportDays.start(today.plusDays(1))));
        return new Plan(perMonth, perRep, assumptions.reps(), capacity(perRep.leads(), assumptions),
                new Plan.Actual(monthStart, today.plusDays(1), monthToDate, perMonth.combine(monthToDate, (plan, actual) -> plan - actual)),
                rates, measured);
    }

    /**
     * The funnel a revenue goal needs: goal ÷ deal size customers, then each step before it that count ÷ the step's
     * rate, rounded up every time; exact decimal arithmetic, so 100 ÷ 0.1 is 1,000 and not 1,001.
     */
    public static Funnel needed(BigDecimal revenueGoal, BigDecimal averageDealSize, ConversionRates rates) {
        List<Long> customersFirst = new ArrayList<>();
        BigDecimal count = revenueGoal.divide(averageDealSize, 0, RoundingMode.CEILING);
        customersFirst.add(whole(count));
        for (Double rate : rates.inFunnelOrder().reversed()) {
            count = count.divide(BigDecimal.valueOf(rate), 0, RoundingMode.CEILING);
            customersFirst.add(whole(count));
        }
        return Funnel.customersFirst(customersFirst);
    }

    /** Seed 004: with X leads a rep and Y hours a month, floor(Y × 60 ÷ minutes per attempt ÷ X) attempts per lead. */
    static Plan.Capacity capacity(long leadsPerRep, PlanRequest.Assumptions assumptions) {
        BigDecimal minutes = BigDecimal.valueOf(assumptions.hoursPerRepPerMonth()).multiply(MINUTES_PER_HOUR);
        BigDecimal attemptsPerMonth = minutes.divide(BigDecimal.valueOf(assumptions.minutesPerAttempt()), 0, RoundingMode.FLOOR);
        long attemptsPossible = attemptsPerMonth.divide(BigDecimal.valueOf(leadsPerRep), 0, RoundingMode.FLOOR).longValue();
        long leadsTheHoursAllow = attemptsPerMonth.divide(BigDecimal.valueOf(assumptions.attemptsPerLead()), 0, RoundingMode.FLOOR).longValue();
        long mostLeads = Math.min(assumptions.leadsPerRepLimit(), leadsTheHoursAllow);
        long totalLeads = leadsPerRep * assumptions.reps();
        return new Plan.Capacity(leadsPerRep, attemptsPossible, assumptions.attemptsPerLead(), mostLeads,
                mostLeads == 0 ? null : Math.ceilDiv(totalLeads, mostLeads), leadsPerRep <= mostLeads);
    }

    /**
     * Each step's share of the leads that reached it that went on to the next; a step with no one at either end keeps
     * the given rate, as does prospect to lead (prospects are not leads yet, so leadflow does not see them).
     */
    private static ConversionRates measuredRates(Map<LeadStage, Long> reached, ConversionRates given, List<String> defaulted) {
        List<Double> rates = new ArrayList<>(given.inFunnelOrder());
        defaulted.add(ConversionRates.STEPS.getFirst());
        for (int step = 1; step < FunnelQuery.STAGES.size(); step++) {
            long before = reached.get(FunnelQuery.STAGES.get(step - 1));
            long after = reached.get(FunnelQuery.STAGES.get(step));
            BigDecimal rate = before == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(after).divide(BigDecimal.valueOf(before), RATE_SCALE, RoundingMode.HALF_UP);
            if (rate.signum() == 0) {
                defaulted.add(ConversionRates.STEPS.get(step));
            } else {
                rates.set(step, rate.doubleValue());
            }
        }
        return ConversionRates.inFunnelOrder(rates);
    }

    private static long whole(BigDecimal count) {
        try {
            return count.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidRequestException("The plan is too large to count",
                    List.of(new FieldError("revenueGoal", "needs more prospects than can be counted at this deal size and these rates")));
        }
    }
}
