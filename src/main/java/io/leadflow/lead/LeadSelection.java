package io.leadflow.lead;

import java.util.Set;
import java.util.UUID;

/**
 * The leads a report counts: every lead ({@link #EVERY}), or the ids of those a manager's filters kept. A query adds
 * {@link #condition(String)} to its {@code where} and binds {@link #PARAMETER} to {@link #ids()}'s array.
 */
public record LeadSelection(Set<UUID> ids) {

    public static final LeadSelection EVERY = new LeadSelection(null);

    /** The named parameter {@link #condition(String)} reads. */
    public static final String PARAMETER = "selectedLeads";

    public LeadSelection {
        ids = ids == null ? null : Set.copyOf(ids);
    }

    /** SQL true for the rows whose {@code column} (a lead id) is selected. */
    public String condition(String column) {
        return ids == null ? "true" : column + " = any(cast(:" + PARAMETER + " as uuid[]))";
    }

    /** The value of {@link #PARAMETER}: the ids as text (the driver sends a text array), null for every lead. */
    public String[] parameter() {
        return ids == null ? null : ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
