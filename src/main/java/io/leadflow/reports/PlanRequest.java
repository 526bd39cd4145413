package io.leadflow.reports;

import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What a manager asks the revenue planner: a monthly revenue goal and the average deal size, and optionally the
 * conversion rates (or {@code measured}: the rates of the last {@code months} months), the team's size (else the
 * directory's active reps) and the reps' time; anything left out is the planner's setting.
 */
public record PlanRequest(Double revenueGoal, Double averageDealSize, ConversionRates conversion, Boolean measured,
                          Integer months, Integer reps, Double hoursPerRepPerMonth, Double minutesPerAttempt,
                          Integer attemptsPerLead) {

    private static final double HOURS_IN_A_MONTH = 31 * 24;
    private static final int MOST_REPS = 100_000;
    private static final int MOST_MONTHS = 120;
    private static final int MOST_ATTEMPTS = 100;

    /** The request checked and completed with the settings: what a plan is made from. */
    record Assumptions(BigDecimal revenueGoal, BigDecimal averageDealSize, ConversionRates conversion, boolean measured,
                       int months, int reps, double hoursPerRepPerMonth, double minutesPerAttempt, int attemptsPerLead,
                       int leadsPerRepLimit) {
    }

    /** Checks every field (all faults at once, each named) and fills in the settings; the team's size asked only if left out. */
    Assumptions resolve(PlannerProperties settings, IntSupplier activeReps) {
        List<FieldError> errors = new ArrayList<>();
        positive(errors, "revenueGoal", revenueGoal, true, Double.MAX_VALUE);
        positive(errors, "averageDealSize", averageDealSize, true, Double.MAX_VALUE);
        errors.addAll(check(conversion, "conversion."));
        positive(errors, "hoursPerRepPerMonth", hoursPerRepPerMonth, false, HOURS_IN_A_MONTH);
        positive(errors, "minutesPerAttempt", minutesPerAttempt, false, HOURS_IN_A_MONTH * 60);
        whole(errors, "months", months, MOST_MONTHS);
        whole(errors, "reps", reps, MOST_REPS);
        whole(errors, "attemptsPerLead", attemptsPerLead, MOST_ATTEMPTS);
        int team = errors.isEmpty() ? Objects.requireNonNullElseGet(reps, activeReps::getAsInt) : 0;
        if (errors.isEmpty() && team < 1) {
            errors.add(new FieldError("reps", "is required: the directory has no active rep"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The plan's input is invalid", errors);
        }
        return new Assumptions(BigDecimal.valueOf(revenueGoal), BigDecimal.valueOf(averageDealSize),
                (conversion == null ? settings.conversion() : conversion.orElse(settings.conversion())),
                Boolean.TRUE.equals(measured), Objects.requireNonNullElse(months, settings.measuredMonths()), team,
                Objects.requireNonNullElse(hoursPerRepPerMonth, settings.hoursPerRepPerMonth()),
                Objects.requireNonNullElse(minutesPerAttempt, settings.minutesPerAttempt()),
                Objects.requireNonNullElse(attemptsPerLead, settings.attemptsPerLead()), settings.leadsPerRep());
    }

    /** The rates given that are no fraction above 0 and at most 1 (NaN and infinity included), named with the prefix. */
    static List<FieldError> check(ConversionRates rates, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (rates != null) {
            List<Double> values = rates.inFunnelOrder();
            for (int step = 0; step < values.size(); step++) {
                Double rate = values.get(step);
                if (rate != null && !(rate > 0 && rate <= 1)) {
                    errors.add(new FieldError(prefix + ConversionRates.STEPS.get(step), "must be above 0 and at most 1 (0.5 is 50 %)"));
                }
            }
        }
        return errors;
    }

    private static void positive(List<FieldError> errors, String field, Double value, boolean required, double most) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (!(value > 0 && value <= most)) {
            errors.add(new FieldError(field, most == Double.MAX_VALUE ? "must be a number above 0"
                    : "must be a number above 0 and at most " + BigDecimal.valueOf(most).stripTrailingZeros().toPlainString()));
        }
    }

    private static void whole(List<FieldError> errors, String field, Integer value, int most) {
        if (value != null && (value < 1 || value > most)) {
            errors.add(new FieldError(field, "must be a whole number from 1 to " + most));
        }
    }
}
