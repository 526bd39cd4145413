package io.leadflow.assignment.internal;

import io.leadflow.assignment.AssignmentProperties;
import io.leadflow.assignment.AssignmentProperties.Account;
import io.leadflow.assignment.Team;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Configuration seeds the directory: at start, the managers, teams and reps it names that the database lacks are
 * added; what is in the database already (changed through the API or the page) is left as it is. Runs before the
 * workers take jobs.
 */
@Component
class DirectorySeed implements SmartInitializingSingleton {

    private final AssignmentProperties settings;
    private final DirectoryRepository directory;

    DirectorySeed(AssignmentProperties settings, DirectoryRepository directory) {
        this.settings = settings;
        this.directory = directory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        settings.managers().forEach(directory::insertManagerIfAbsent);
        Set<String> teams = new LinkedHashSet<>();
        teams.add(settings.defaultTeam());
        Stream.concat(settings.reps().stream(), settings.managers().stream())
                .map(Account::team).filter(Objects::nonNull).forEach(teams::add);
        teams.forEach(team -> directory.insertTeamIfAbsent(new Team(team, managerOf(team))));
        settings.reps().forEach(directory::insertRepIfAbsent);
    }

    /** The manager naming the team, else the first manager. */
    private String managerOf(String team) {
        return settings.managers().stream().filter(manager -> team.equals(manager.team())).findFirst()
                .or(() -> settings.managers().stream().findFirst())
                .map(Account::username)
                .orElse(null);
    }
}
