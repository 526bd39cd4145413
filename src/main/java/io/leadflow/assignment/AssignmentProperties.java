package io.leadflow.assignment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Who works leads and how fast ({@code leadflow.assignment.*}).
 *
 * @param reps                       the reps, each with the countries of their territory
 * @param managers                   the managers: they see every rep's tasks
 * @param defaultRep                 the rep of a lead from a country no territory holds
 * @param firstAttemptWorkingHours   the SLA between marketing and sales: the first attempt (the rep's
 *                                   First contact) is due this many working hours after hand-off, in the lead's zone
 */
@ConfigurationProperties(prefix = "leadflow.assignment")
public record AssignmentProperties(List<Person> reps, List<Person> managers, String defaultRep,
                                   @DefaultValue("4") int firstAttemptWorkingHours) {

    public AssignmentProperties {
        reps = reps == null ? List.of() : List.copyOf(reps);
        managers = managers == null ? List.of() : List.copyOf(managers);
        if (firstAttemptWorkingHours < 1) {
            throw new IllegalArgumentException("leadflow.assignment.first-attempt-working-hours must be positive");
        }
    }

    /**
     * A rep or a manager.
     *
     * @param username    the sign-in name, and the owner a lead records
     * @param name        shown in emails to leads and in the task list
     * @param email       where the rep's notifications go; the sender leads see
     * @param password    the sign-in password
     * @param territories countries (ISO 3166-1 alpha-2) whose leads the rep works
     */
    public record Person(String username, String name, String email, String password, List<String> territories) {
        public Person {
            territories = territories == null ? List.of() : List.copyOf(territories);
        }
    }
}
