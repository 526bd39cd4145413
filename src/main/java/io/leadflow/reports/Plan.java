package io.leadflow.reports;

import io.leadflow.lead.LeadStage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The revenue planner's answer: what the goal needs per month and per rep, whether the reps' time is enough, and the
 * month so far against the plan.
 *
 * @param perMonth  the funnel the goal needs in a month, each step rounded up
 * @param perRep    the same per rep, each step rounded up
 * @param reps      the team the plan is shared among
 * @param ratesUsed the conversion rates the plan was made with
 * @param measured  where measured rates came from; null for a plan with given or default rates
 */
public record Plan(Funnel perMonth, Funnel perRep, int reps, Capacity capacity, Actual actual, ConversionRates ratesUsed,
                   Measured measured) {

    /** Counts per funnel step, customers first; {@code prospects} is null where leadflow cannot count them (before they are leads). */
    public record Funnel(Long customers, Long opportunities, Long sqls, Long mqls, Long leads, Long prospects) {

        /** The steps leadflow counts from the stage history, customers first as in {@link Funnel}. */
        static final List<LeadStage> STAGES =
                List.of(LeadStage.CUSTOMER, LeadStage.OPPORTUNITY, LeadStage.SQL, LeadStage.MQL, LeadStage.LEAD);

        static Funnel customersFirst(List<Long> counts) {
            return new Funnel(counts.get(0), counts.get(1), counts.get(2), counts.get(3), counts.get(4),
                    counts.size() > 5 ? counts.get(5) : null);
        }

        /** The counts of leads that reached each stage; prospects unknown. */
        static Funnel reached(Map<LeadStage, Long> reached) {
            return customersFirst(STAGES.stream().map(stage -> reached.getOrDefault(stage, 0L)).toList());
        }

        List<Long> customersFirst() {
            return java.util.Arrays.asList(customers, opportunities, sqls, mqls, leads, prospects);
        }

        /** Each known count changed. */
        Funnel map(UnaryOperator<Long> step) {
            return customersFirst(customersFirst().stream().map(count -> count == null ? null : step.apply(count)).toList());
        }

        /** Step by step, null where either side is unknown. */
        Funnel combine(Funnel other, BinaryOperator<Long> step) {
            List<Long> mine = customersFirst();
            List<Long> theirs = other.customersFirst();
            List<Long> combined = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                combined.add(mine.get(i) == null || theirs.get(i) == null ? null : step.apply(mine.get(i), theirs.get(i)));
            }
            return customersFirst(combined);
        }
    }

    /**
     * Seed 004's check: with {@code leadsPerRep} leads and the hours a rep has a month, {@code attemptsPerLeadPossible}
     * attempts per lead; enough when that reaches the planned attempts and the leads stay within {@code mostLeadsPerRep}.
     *
     * @param mostLeadsPerRep the leads a rep can work a month: the setting (100), or fewer when the hours allow fewer
     *                        at the planned attempts
     * @param repsNeeded      the reps the plan needs at that many leads each; null when the hours allow no lead at all
     */
    public record Capacity(long leadsPerRep, long attemptsPerLeadPossible, int attemptsPerLeadPlanned, long mostLeadsPerRep,
                           Long repsNeeded, boolean enough) {
    }

    /**
     * The month so far (UTC, from the first of the month to the end of today) against the plan.
     *
     * @param gap the plan minus the month so far, per step: still to reach this month (negative: ahead)
     */
    public record Actual(LocalDate from, LocalDate to, Funnel monthToDate, Funnel gap) {
    }

    /**
     * The months the rates were measured over ({@code from} inclusive, {@code to} exclusive), the leads counted then,
     * and the steps that kept the given or default rate (prospects are not counted; a step nobody reached has no rate).
     */
    public record Measured(LocalDate from, LocalDate to, long leads, List<String> defaulted) {
    }
}
