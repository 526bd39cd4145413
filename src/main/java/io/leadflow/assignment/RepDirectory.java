package io.leadflow.assignment;

import io.leadflow.assignment.internal.DirectoryRepository;
import io.leadflow.assignment.internal.Rotation;
import io.leadflow.lead.Lead;
import io.leadflow.platform.PageLanguages;
import io.leadflow.platform.PreferredLanguages;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Set;

/**
 * Who works leads: reps with their teams, availability and capacity, teams with their managers. The directory is
 * in the database (seeded from configuration at the first start), with the password hashes people sign in with.
 */
@Component
public class RepDirectory implements PreferredLanguages {

    private final DirectoryRepository directory;
    private final PasswordEncoder passwords;
    private final Clock clock;

    RepDirectory(DirectoryRepository directory, PasswordEncoder passwords, Clock clock) {
        this.directory = directory;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** How a manager or a rep signs in; empty when there is no such person or they have no password. */
    public Optional<SignIn> signIn(String username) {
        return directory.signIn(username);
    }

    /**
     * Sets the password this person signs in with, stored hashed: a manager's and, for a manager who also works
     * leads, the rep's of the same name; false when there is no such person. The caller has checked the
     * {@link PasswordRule}.
     */
    @Transactional
    public boolean setPassword(String username, String password) {
        return directory.setPasswordHash(username, passwords.encode(password));
    }

    @Override
    public Optional<Locale> languageOf(String username) {
        return directory.language(username).map(Locale::forLanguageTag);
    }

    @Override
    @Transactional
    public void choose(String username, Locale language) {
        directory.setLanguage(username, language.getLanguage());
    }

    /** The language of the mails leadflow sends this person: their own, else {@code fallback}; English or Spanish. */
    public Locale mailLanguageOf(String username, Locale fallback) {
        return languageOf(username).or(() -> Optional.ofNullable(fallback)).flatMap(PageLanguages::supported).orElse(Locale.ENGLISH);
    }

    /** A rep of the directory, active or not. */
    public Optional<Person> rep(String username) {
        return directory.rep(username).map(Rep::person);
    }

    /** The rep who owns the lead: whom its emails and notices go from or to. */
    public Person ownerOf(Lead lead) {
        return rep(lead.owner()).orElseThrow(() -> new IllegalStateException("Lead " + lead.id() + " has no owner"));
    }

    /** The name of the rep's team. */
    public Optional<String> team(String repUsername) {
        return directory.rep(repUsername).map(Rep::team);
    }

    /** The manager of the rep's team. */
    public Optional<Person> managerOf(String repUsername) {
        return directory.rep(repUsername)
                .flatMap(rep -> directory.team(rep.team()))
                .map(Team::manager)
                .flatMap(directory::manager);
    }

    /** Every rep with the leads handed to them this calendar month (UTC), by team and username. */
    public List<RepWorkload> workloads() {
        return directory.workloads(Rotation.monthStart(clock.instant()));
    }

    /** The leads handed to each rep in [from, to), by username, reassignments included. */
    public Map<String, Long> assigned(Instant from, Instant to) {
        return directory.assigned(from, to);
    }

    public Optional<RepWorkload> workload(String username) {
        return workloads().stream().filter(workload -> workload.rep().username().equals(username)).findFirst();
    }

    /** Stores the rep, new or changed (its team must exist); returns whether the rep is new. */
    @Transactional
    public boolean save(Rep rep) {
        return directory.save(rep);
    }

    public List<Team> teams() {
        return directory.teams();
    }

    /** Stores the team, new or with another manager (a configured manager, or none); returns whether it is new. */
    @Transactional
    public boolean save(Team team) {
        return directory.save(team);
    }

    /** The usernames of the reps in the teams this manager manages. */
    public Set<String> repsManagedBy(String manager) {
        return repsIn(teams().stream().filter(team -> manager.equals(team.manager())).map(Team::name)
                .collect(Collectors.toSet()));
    }

    /** The usernames of the team's reps; empty when there is no such team. */
    public Optional<Set<String>> repsOf(String team) {
        return teams().stream().map(Team::name).filter(team::equals).findFirst().map(name -> repsIn(Set.of(name)));
    }

    private Set<String> repsIn(Set<String> teams) {
        return workloads().stream().map(RepWorkload::rep).filter(rep -> teams.contains(rep.team()))
                .map(Rep::username).collect(Collectors.toSet());
    }

    /** Whether a manager of this username is in the directory. */
    public boolean isManager(String username) {
        return directory.manager(username).isPresent();
    }
}
