package io.leadflow.lead;

import io.leadflow.platform.ReferenceFile;

import java.util.List;
import java.util.Properties;

/**
 * The buyer personas a lead's role maps to (enrichment/personas.properties); a persona picks the email templates.
 * Part of the lead, not of enrichment: enrichment finds a lead's persona, email picks templates by it.
 */
public final class Personas {

    public static final String OTHER = "other";
    public static final String STUDENT = "student";

    private static final Properties BY_ROLE = ReferenceFile.properties("enrichment/personas.properties");

    /** Every persona, in order. */
    public static final List<String> ALL = BY_ROLE.values().stream().map(String::valueOf).distinct().sorted().toList();

    private Personas() {
    }

    public static String ofRole(String role) {
        return BY_ROLE.getProperty(role, OTHER);
    }

    /** A persona sales sells to: not a student, not a title leadflow cannot place. */
    public static boolean isBuyer(String persona) {
        return !OTHER.equals(persona) && !STUDENT.equals(persona);
    }
}
