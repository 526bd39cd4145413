package io.leadflow.assignment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Locale;

/**
 * Who works leads and how fast ({@code leadflow.assignment.*}). The reps, managers and teams here seed the
 * directory in the database at the first start; from then on the directory is changed there
 * ({@code PUT /api/reps}, the {@code /reps} page). Their passwords are stored hashed when they are added.
 *
 * @param reps                       the reps, each with their team; they sign in to the task list
 * @param managers                   the managers: they see every rep's tasks and change the directory; a manager
 *                                   naming a team manages it, the first manager every other team
 * @param defaultTeam                the team of a rep configured without one, and of a lead whose team has no
 *                                   active rep (or that the assignment decision gave none)
 * @param firstAttemptWorkingHours   the SLA between marketing and sales: the first attempt (the rep's
 *                                   First contact) is due this many working hours after hand-off, in the lead's zone
 * @param monthlyLeadQuota           marketing's side of the SLA: the leads marketing promises each active rep in a
 *                                   calendar month (UTC), measured in the quota report and metric
 * @param adminPassword              the password of the manager {@code admin} created when the directory has no
 *                                   manager at start (environment LEADFLOW_ADMIN_PASSWORD; generated and logged once
 *                                   in the dev profile)
 * @param mailLanguage               the language (en, es) of the mails to a rep or manager who has not chosen one in
 *                                   the pages (their {@code ?lang=} switch)
 */
@ConfigurationProperties(prefix = "leadflow.assignment")
public record AssignmentProperties(List<Account> reps, List<Account> managers,
                                   @DefaultValue("default") String defaultTeam,
                                   @DefaultValue("4") int firstAttemptWorkingHours, String adminPassword,
                                   @DefaultValue("en") Locale mailLanguage,
                                   @DefaultValue("100") int monthlyLeadQuota) {

    public AssignmentProperties {
        reps = reps == null ? List.of() : reps.stream()
                .map(rep -> rep.team() == null ? rep.inTeam(defaultTeam) : rep)
                .toList();
        managers = managers == null ? List.of() : List.copyOf(managers);
        if (firstAttemptWorkingHours < 1) {
            throw new IllegalArgumentException("leadflow.assignment.first-attempt-working-hours must be positive");
        }
        if (monthlyLeadQuota < 0) {
            throw new IllegalArgumentException("leadflow.assignment.monthly-lead-quota must not be negative");
        }
    }

    /**
     * A rep or a manager who signs in.
     *
     * @param username    the sign-in name, and the owner a lead records
     * @param name        shown in emails to leads and in the task list
     * @param email       where the rep's notifications go; the sender leads see
     * @param password    the sign-in password, stored hashed
     * @param team        a rep's team (the default team when not given); the team a manager manages, if any
     */
    public record Account(String username, String name, String email, String password, String team) {

        Account inTeam(String team) {
            return new Account(username, name, email, password, team);
        }
    }
}
