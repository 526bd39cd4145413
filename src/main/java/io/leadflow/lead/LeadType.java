package io.leadflow.lead;

/** How a lead was identified (methodology: lead types and identification triggers). */
public enum LeadType {
    FORM_FILL, COMPANY_VISIT, TRIGGER_EVENT, REFERRAL,
    /**
     * A person a rep found for a company that showed interest without one (a visit, a trigger event): neither a form
     * fill (the person showed no activity) nor a referral (no one we know pointed to them).
     */
    RESEARCH
}
