package io.leadflow.enrichment;

/**
 * The facts of an enrichment the fit and assignment decisions read; the process passes them on to them. A fact not
 * found is null, so no rule matches on it.
 */
public record FitFacts(String role, String industry, Integer employees, String region, boolean personalEmail,
                       boolean powerSignal, int signalStrength, Boolean triggerFitsPersona) {
}
