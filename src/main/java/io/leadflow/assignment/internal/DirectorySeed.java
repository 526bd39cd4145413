package io.leadflow.assignment.internal;

import io.leadflow.assignment.AssignmentProperties;
import io.leadflow.assignment.AssignmentProperties.Account;
import io.leadflow.assignment.Team;
import io.leadflow.platform.Secrets;
import io.leadflow.platform.Secrets.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Configuration seeds the directory: at start, the managers, teams and reps it names that the database lacks are
 * added, their passwords hashed; what is in the database already (changed through the API or the page) is left as it
 * is. A directory without any manager then gets one, {@code admin}, so someone can sign in and manage it. Runs before
 * the workers take jobs.
 */
@Component
class DirectorySeed implements SmartInitializingSingleton {

    static final String ADMIN = "admin";
    static final Secret ADMIN_PASSWORD = new Secret("leadflow.assignment.admin-password", "LEADFLOW_ADMIN_PASSWORD", null);

    private static final Logger log = LoggerFactory.getLogger(DirectorySeed.class);

    private final AssignmentProperties settings;
    private final DirectoryRepository directory;
    private final PasswordEncoder passwords;
    private final Secrets secrets;

    DirectorySeed(AssignmentProperties settings, DirectoryRepository directory, PasswordEncoder passwords, Secrets secrets) {
        this.settings = settings;
        this.directory = directory;
        this.passwords = passwords;
        this.secrets = secrets;
    }

    @Override
    public void afterSingletonsInstantiated() {
        settings.managers().stream().filter(manager -> directory.manager(manager.username()).isEmpty())
                .forEach(manager -> directory.insertManagerIfAbsent(manager, hash(manager.password())));
        Set<String> teams = new LinkedHashSet<>();
        teams.add(settings.defaultTeam());
        Stream.concat(settings.reps().stream(), settings.managers().stream())
                .map(Account::team).filter(Objects::nonNull).forEach(teams::add);
        teams.forEach(team -> directory.insertTeamIfAbsent(new Team(team, managerOf(team))));
        settings.reps().stream().filter(rep -> directory.rep(rep.username()).isEmpty())
                .forEach(rep -> directory.insertRepIfAbsent(rep, hash(rep.password())));
        if (!directory.hasManager()) {
            addAdmin();
        }
    }

    /** The first manager: with the configured password, or in development a generated one, shown once. */
    private void addAdmin() {
        String password = secrets.require(ADMIN_PASSWORD, settings.adminPassword());
        if (password == null) {
            password = Secrets.random();
            log.warn("The directory had no manager: sign in as {} with the password {} (shown this once)", ADMIN, password);
        } else {
            log.info("The directory had no manager: added {} with the password of {}", ADMIN, ADMIN_PASSWORD.environmentVariable());
        }
        directory.insertManagerOfUnmanagedTeams(new Account(ADMIN, "Administrator", "admin@localhost", null, null), hash(password));
    }

    private String hash(String password) {
        return password == null ? null : passwords.encode(password);
    }

    /** The manager naming the team, else the first manager. */
    private String managerOf(String team) {
        return settings.managers().stream().filter(manager -> team.equals(manager.team())).findFirst()
                .or(() -> settings.managers().stream().findFirst())
                .map(Account::username)
                .orElse(null);
    }
}
