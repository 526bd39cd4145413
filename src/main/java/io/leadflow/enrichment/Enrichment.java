package io.leadflow.enrichment;

import java.util.List;
import java.util.Set;

/**
 * What leadflow found out about a lead: what sales must always have, and the signals it shows: their families, their
 * weight today ({@code signalStrength}, 0 for a title sales does not sell to) and whether a trigger event is news for
 * the lead's persona ({@code triggerFitsPersona}, null without one).
 */
public record Enrichment(
        String role,
        String persona,
        String jobTitle,
        String industry,
        Integer employees,
        String country,
        String region,
        Integer tenureMonths,
        boolean personalEmail,
        String linkedinUrl,
        List<String> technologies,
        Set<SignalFamily> signals,
        boolean powerSignal,
        int signalStrength,
        Boolean triggerFitsPersona,
        List<String> gaps) {

    /** What the decisions read. */
    public FitFacts fitFacts() {
        return new FitFacts(role, industry, employees, region, personalEmail, powerSignal, signalStrength,
                triggerFitsPersona);
    }
}
