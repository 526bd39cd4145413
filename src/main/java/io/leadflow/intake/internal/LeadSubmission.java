package io.leadflow.intake.internal;

import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;

import java.util.UUID;

/**
 * A validated lead as it arrived, before it is stored; {@code companyLeadId} is the company's lead a rep found this
 * person for, null for what the API and the import receive.
 */
record LeadSubmission(LeadType type, LeadFacts facts, UUID companyLeadId) {
}
