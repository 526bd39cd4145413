package io.leadflow.lead;

/** Lifecycle stages, marketing's view. */
public enum LeadStage {
    LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, LOST, DISQUALIFIED
}
