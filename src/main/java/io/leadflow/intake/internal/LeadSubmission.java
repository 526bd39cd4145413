package io.leadflow.intake.internal;

import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;

/** A validated lead as it arrived, before it is stored. */
record LeadSubmission(LeadType type, LeadFacts facts) {
}
