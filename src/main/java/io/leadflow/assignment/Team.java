package io.leadflow.assignment;

/** A team of reps: lead-assignment.dmn names it; {@code manager} (a username) oversees its reps, or null. */
public record Team(String name, String manager) {
}
