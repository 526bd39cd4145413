package io.leadflow.intake;

/** Lifecycle stages, marketing's view. */
public enum LeadStage {
    LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, DISQUALIFIED
}
