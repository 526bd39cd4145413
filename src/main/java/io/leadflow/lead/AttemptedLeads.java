package io.leadflow.lead;

/**
 * The leads behind a sequence step's or an email template's rates: those whose attempt at that step, or with that
 * template, was made. The sequences answer it; the lead search narrows to it without knowing them.
 */
public interface AttemptedLeads {

    /** The leads whose attempt at {@code step} (null: any step) with {@code template} (null: any) was made. */
    LeadSelection attempted(Integer step, String template);
}
