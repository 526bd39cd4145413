package io.leadflow.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The revenue planner's assumptions ({@code leadflow.reports.planner.*}), each one a request may override; the
 * defaults are the seeds': 50 % per funnel step (002), 100 leads per rep a month and 5 attempts per lead (004).
 *
 * @param conversion         the rates of a plan that names none and does not ask for measured ones
 * @param leadsPerRep        the most leads a rep works in a month (seed 004: 100)
 * @param attemptsPerLead    the attempts the sequence plans per lead (seed 004: 5 in 14 days)
 * @param hoursPerRepPerMonth a rep's hours for attempts in a month
 * @param minutesPerAttempt  the time one attempt takes (a call or an email with its research)
 * @param measuredMonths     "measured" rates come from this many whole calendar months (UTC) before the current one
 */
@ConfigurationProperties(prefix = "leadflow.reports.planner")
public record PlannerProperties(@DefaultValue @NestedConfigurationProperty ConversionRates conversion,
                                @DefaultValue("100") int leadsPerRep, @DefaultValue("5") int attemptsPerLead,
                                @DefaultValue("120") double hoursPerRepPerMonth, @DefaultValue("15") double minutesPerAttempt,
                                @DefaultValue("3") int measuredMonths) {

    public PlannerProperties {
        var errors = PlanRequest.check(conversion, "leadflow.reports.planner.conversion.");
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.getFirst().field() + " " + errors.getFirst().message());
        }
        if (leadsPerRep < 1 || attemptsPerLead < 1 || measuredMonths < 1
                || !(hoursPerRepPerMonth > 0) || !(minutesPerAttempt > 0)) {
            throw new IllegalArgumentException("leadflow.reports.planner: leads-per-rep, attempts-per-lead, measured-months, "
                    + "hours-per-rep-per-month and minutes-per-attempt must be positive");
        }
    }
}
