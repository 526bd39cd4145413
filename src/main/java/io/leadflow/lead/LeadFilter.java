package io.leadflow.lead;

import java.util.Set;

/**
 * The leads a manager's report is about: only these owners' ({@code owners}, empty: none), of this source (any case)
 * and of this type; null where not filtered.
 */
public record LeadFilter(Set<String> owners, String source, LeadType type) {

    public static final LeadFilter NONE = new LeadFilter(null, null, null);

    public LeadFilter {
        owners = owners == null ? null : Set.copyOf(owners);
    }

    public boolean filters() {
        return owners != null || source != null || type != null;
    }
}
