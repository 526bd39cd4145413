package io.leadflow.sequence.internal;

import io.leadflow.lead.LeadType;
import io.leadflow.sequence.CadenceStep;

import java.util.List;

/** The cadence a lead's sequence follows, as the deployed models decide it ({@code CadenceDecision}, in workers/). */
public interface Cadences {

    /** The attempts of a sequence for a lead of this type, in the order they go. */
    List<CadenceStep> of(LeadType type);
}
