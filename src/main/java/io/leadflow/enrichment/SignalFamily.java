package io.leadflow.enrichment;

import java.util.EnumSet;
import java.util.Set;

/** The families of commercial-interest signals (methodology, seed 003). */
public enum SignalFamily {
    ACTIVITY, PRESENCE, SOCIAL_GRAPH, COMPANY_TECHNOLOGY, BIOGRAPHY;

    /** Activity, presence and biography together are enough to start a sales action. */
    public static boolean arePowerSignals(Set<SignalFamily> found) {
        return found.containsAll(EnumSet.of(ACTIVITY, PRESENCE, BIOGRAPHY));
    }
}
