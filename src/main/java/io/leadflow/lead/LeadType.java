package io.leadflow.lead;

/** How a lead was identified (methodology: lead types and identification triggers). */
public enum LeadType {
    FORM_FILL, COMPANY_VISIT, TRIGGER_EVENT, REFERRAL
}
