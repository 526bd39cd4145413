package io.leadflow.reports;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Objects;

/**
 * The share of each funnel step that goes on to the next, as a fraction (0.5 is 50 %). In a planner request each
 * rate may be left out (null), then the planner's setting stands; as a setting each defaults to seed 002's 50 %.
 */
public record ConversionRates(@DefaultValue("0.5") Double prospectToLead, @DefaultValue("0.5") Double leadToMql,
                              @DefaultValue("0.5") Double mqlToSql, @DefaultValue("0.5") Double sqlToOpportunity,
                              @DefaultValue("0.5") Double opportunityToCustomer) {

    /** The names of the steps, in funnel order, as the JSON and the settings spell them. */
    public static final List<String> STEPS =
            List.of("prospectToLead", "leadToMql", "mqlToSql", "sqlToOpportunity", "opportunityToCustomer");

    /** The rates in funnel order (prospect to lead first), as {@link #STEPS} names them. */
    public List<Double> inFunnelOrder() {
        return java.util.Arrays.asList(prospectToLead, leadToMql, mqlToSql, sqlToOpportunity, opportunityToCustomer);
    }

    /** These rates, each one left out taken from {@code defaults}. */
    public ConversionRates orElse(ConversionRates defaults) {
        return new ConversionRates(Objects.requireNonNullElse(prospectToLead, defaults.prospectToLead),
                Objects.requireNonNullElse(leadToMql, defaults.leadToMql), Objects.requireNonNullElse(mqlToSql, defaults.mqlToSql),
                Objects.requireNonNullElse(sqlToOpportunity, defaults.sqlToOpportunity),
                Objects.requireNonNullElse(opportunityToCustomer, defaults.opportunityToCustomer));
    }

    static ConversionRates inFunnelOrder(List<Double> rates) {
        return new ConversionRates(rates.get(0), rates.get(1), rates.get(2), rates.get(3), rates.get(4));
    }
}
