package io.leadflow.reports;

import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.reports.Plan.Funnel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The funnel math of seed 002 and the capacity check of seed 004, without the application around them. */
class RevenuePlannerTest {

    private static final ConversionRates HALF = new ConversionRates(0.5, 0.5, 0.5, 0.5, 0.5);
    private static final PlannerProperties SETTINGS = new PlannerProperties(HALF, 100, 5, 120, 15, 3);

    @Test
    void seed002sTableComesOutExactly() {
        Funnel needed = RevenuePlanner.needed(new BigDecimal("100000"), new BigDecimal("1000"), HALF);

        assertThat(needed).isEqualTo(new Funnel(100L, 200L, 400L, 800L, 1_600L, 3_200L));
    }

    @Test
    void everyStepRoundsUp() {
        assertThat(RevenuePlanner.needed(new BigDecimal("100500"), new BigDecimal("1000"), HALF))
                .isEqualTo(new Funnel(101L, 202L, 404L, 808L, 1_616L, 3_232L));
        // 7 ÷ 0.3 = 23.3 → 24; 24 ÷ 0.3 = 80; 80 ÷ 0.3 = 266.7 → 267 …
        assertThat(RevenuePlanner.needed(new BigDecimal("7"), BigDecimal.ONE, new ConversionRates(0.3, 0.3, 0.3, 0.3, 0.3)))
                .isEqualTo(new Funnel(7L, 24L, 80L, 267L, 890L, 2_967L));
    }

    @Test
    void ratesAreDecimalsNotBinaryFractions() {
        // In doubles 100 / 0.1 is 1000.0000000000001, which rounded up would be 1,001.
        assertThat(RevenuePlanner.needed(new BigDecimal("100"), BigDecimal.ONE, new ConversionRates(0.1, 0.1, 0.1, 0.1, 0.1)))
                .isEqualTo(new Funnel(100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L));
    }

    @Test
    void perRepFiguresRoundUp() {
        Funnel perRep = RevenuePlanner.needed(new BigDecimal("100000"), new BigDecimal("1000"), HALF).map(count -> Math.ceilDiv(count, 3));

        assertThat(perRep).isEqualTo(new Funnel(34L, 67L, 134L, 267L, 534L, 1_067L));
    }

    @Test
    void seed004sCapacity() {
        // 100 leads a rep, 120 hours at 15 minutes an attempt: 480 attempts, 4 per lead; not the 5 planned.
        Plan.Capacity hundred = RevenuePlanner.capacity(100, assumptions(4, 120, 15));
        assertThat(hundred.attemptsPerLeadPossible()).isEqualTo(4);
        assertThat(hundred.mostLeadsPerRep()).isEqualTo(96);
        assertThat(hundred.enough()).isFalse();
        assertThat(hundred.repsNeeded()).isEqualTo(5); // 400 leads, 96 each

        // 125 hours: 500 attempts, exactly 5 for each of 100 leads.
        Plan.Capacity enough = RevenuePlanner.capacity(100, assumptions(4, 125, 15));
        assertThat(enough.attemptsPerLeadPossible()).isEqualTo(5);
        assertThat(enough.mostLeadsPerRep()).isEqualTo(100);
        assertThat(enough.enough()).isTrue();
        assertThat(enough.repsNeeded()).isEqualTo(4);

        // Time for more attempts, but more leads than a rep works in a month (seed 004: 100).
        Plan.Capacity tooMany = RevenuePlanner.capacity(101, assumptions(1, 744, 1));
        assertThat(tooMany.mostLeadsPerRep()).isEqualTo(100);
        assertThat(tooMany.enough()).isFalse();
        assertThat(tooMany.repsNeeded()).isEqualTo(2);

        // Not even one lead's attempts fit.
        assertThat(RevenuePlanner.capacity(1, assumptions(1, 1, 60)).repsNeeded()).isNull();
    }

    @Test
    void leftOutFieldsTakeTheSettings() {
        PlanRequest.Assumptions assumptions = new PlanRequest(100_000.0, 1_000.0, new ConversionRates(null, 0.25, null, null, null),
                null, null, null, null, null, null).resolve(SETTINGS, () -> 7);

        assertThat(assumptions.conversion()).isEqualTo(new ConversionRates(0.5, 0.25, 0.5, 0.5, 0.5));
        assertThat(assumptions.reps()).as("the directory's active reps").isEqualTo(7);
        assertThat(assumptions.months()).isEqualTo(3);
        assertThat(assumptions.hoursPerRepPerMonth()).isEqualTo(120);
        assertThat(assumptions.minutesPerAttempt()).isEqualTo(15);
        assertThat(assumptions.attemptsPerLead()).isEqualTo(5);
        assertThat(assumptions.leadsPerRepLimit()).isEqualTo(100);
    }

    @Test
    void badInputNamesEveryFieldAtFault() {
        PlanRequest bad = new PlanRequest(-1.0, Double.NaN, new ConversionRates(1.5, 0.0, Double.NaN, Double.POSITIVE_INFINITY, -0.5),
                null, 0, 0, 0.0, Double.NaN, 0);

        assertThat(fields(bad)).containsExactly("revenueGoal", "averageDealSize", "conversion.prospectToLead",
                "conversion.leadToMql", "conversion.mqlToSql", "conversion.sqlToOpportunity", "conversion.opportunityToCustomer",
                "hoursPerRepPerMonth", "minutesPerAttempt", "months", "reps", "attemptsPerLead");
        assertThat(fields(new PlanRequest(null, 0.0, null, null, null, 4, 745.0, null, null)))
                .containsExactly("revenueGoal", "averageDealSize", "hoursPerRepPerMonth");
        assertThat(fields(new PlanRequest(Double.POSITIVE_INFINITY, 1.0, null, null, null, 4, null, null, null)))
                .containsExactly("revenueGoal");
    }

    @Test
    void aTeamOfNobodyIsAsked() {
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> new PlanRequest(1.0, 1.0, null, null, null, null, null, null, null).resolve(SETTINGS, () -> 0)).errors())
                .containsExactly(new FieldError("reps", "is required: the directory has no active rep"));
    }

    @Test
    void aPlanTooLargeToCountIsRefused() {
        assertThatThrownBy(() -> RevenuePlanner.needed(BigDecimal.valueOf(Double.MAX_VALUE), BigDecimal.valueOf(Double.MIN_VALUE), HALF))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("revenueGoal"));
    }

    @Test
    void settingsOutOfRangeStopTheStart() {
        assertThatThrownBy(() -> new PlannerProperties(new ConversionRates(0.5, 0.5, 2.0, 0.5, 0.5), 100, 5, 120, 15, 3))
                .hasMessageContaining("leadflow.reports.planner.conversion.mqlToSql");
        assertThatThrownBy(() -> new PlannerProperties(HALF, 0, 5, 120, 15, 3)).hasMessageContaining("leads-per-rep");
    }

    private static PlanRequest.Assumptions assumptions(int reps, double hours, double minutesPerAttempt) {
        return new PlanRequest(1.0, 1.0, null, null, null, reps, hours, minutesPerAttempt, null).resolve(SETTINGS, () -> reps);
    }

    private static java.util.List<String> fields(PlanRequest request) {
        return catchThrowableOfType(InvalidRequestException.class, () -> request.resolve(SETTINGS, () -> 4))
                .errors().stream().map(FieldError::field).toList();
    }
}
