package io.leadflow.assignment.internal;

import io.leadflow.assignment.AssignmentProperties.Account;
import io.leadflow.assignment.Person;
import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.assignment.SignIn;
import io.leadflow.assignment.Team;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables {@code manager}, {@code team} and {@code rep}: who works leads, and their password hashes. */
@Repository
public class DirectoryRepository {

    private static final String REP_COLUMNS = "r.username, r.name, r.email, r.team, r.active, r.away, r.away_until, r.monthly_capacity";

    private final JdbcClient jdbc;

    DirectoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Rep> rep(String username) {
        return jdbc.sql("select " + REP_COLUMNS + " from rep r where r.username = ?").param(username)
                .query((rs, row) -> rep(rs)).optional();
    }

    /** Every rep with the leads handed to them since {@code monthStart}, by team and username. */
    public List<RepWorkload> workloads(Instant monthStart) {
        return jdbc.sql("select " + REP_COLUMNS + ", (select count(*) from rep_assignment a"
                        + " where a.rep = r.username and a.assigned_at >= ?) as assigned from rep r order by r.team, r.username")
                .param(Timestamp.from(monthStart))
                .query((rs, row) -> new RepWorkload(rep(rs), rs.getInt("assigned")))
                .list();
    }

    /** The leads handed to each rep in [from, to), by username, reassignments included (as a rep's workload counts them). */
    public Map<String, Long> assigned(Instant from, Instant to) {
        return countsByRep("select rep, count(*) as leads from rep_assignment where assigned_at >= ? and assigned_at < ? group by rep",
                from, to);
    }

    /** The leads handed to each rep in [from, to), by username: first assignments only, a reassignment moves no delivery. */
    public Map<String, Long> delivered(Instant from, Instant to) {
        return countsByRep("select rep, count(*) as leads from rep_assignment where kind = 'ASSIGNED' and assigned_at >= ?"
                + " and assigned_at < ? group by rep", from, to);
    }

    private Map<String, Long> countsByRep(String sql, Instant from, Instant to) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).params(Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getString("rep"), rs.getLong("leads"));
                });
        return counts;
    }

    /** Stores the rep, new or changed; returns whether it is new. */
    public boolean save(Rep rep) {
        return jdbc.sql("""
                        insert into rep (username, name, email, team, active, away, away_until, monthly_capacity)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (username) do update set name = excluded.name, email = excluded.email, team = excluded.team,
                            active = excluded.active, away = excluded.away, away_until = excluded.away_until,
                            monthly_capacity = excluded.monthly_capacity
                        returning (xmax = 0) as inserted""")
                .params(rep.username(), rep.name(), rep.email(), rep.team(), rep.active(), rep.away(), rep.awayUntil(),
                        rep.monthlyCapacity())
                .query(Boolean.class).single();
    }

    public Optional<Person> manager(String username) {
        return jdbc.sql("select username, name, email from manager where username = ?").param(username)
                .query((rs, row) -> new Person(rs.getString("username"), rs.getString("name"), rs.getString("email")))
                .optional();
    }

    public List<Team> teams() {
        return jdbc.sql("select name, manager from team order by name")
                .query((rs, row) -> new Team(rs.getString("name"), rs.getString("manager"))).list();
    }

    public Optional<Team> team(String name) {
        return jdbc.sql("select name, manager from team where name = ?").param(name)
                .query((rs, row) -> new Team(rs.getString("name"), rs.getString("manager"))).optional();
    }

    /** Stores the team, new or with a new manager; returns whether it is new. */
    public boolean save(Team team) {
        return jdbc.sql("insert into team (name, manager) values (?, ?)"
                        + " on conflict (name) do update set manager = excluded.manager returning (xmax = 0) as inserted")
                .params(team.name(), team.manager())
                .query(Boolean.class).single();
    }

    /** A manager's sign-in before a rep's of the same name: managers sign in with their managing role. */
    public Optional<SignIn> signIn(String username) {
        return jdbc.sql("""
                        select username, password_hash, true as manager from manager where username = ? and password_hash is not null
                        union all
                        select username, password_hash, false from rep where username = ? and password_hash is not null
                        order by manager desc limit 1""")
                .params(username, username)
                .query((rs, row) -> new SignIn(rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("manager")))
                .optional();
    }

    /** The language the person chose, as a manager or as a rep. */
    public Optional<String> language(String username) {
        return jdbc.sql("select language from rep where username = ? and language is not null"
                        + " union all select language from manager where username = ? and language is not null limit 1")
                .params(username, username).query(String.class).optional();
    }

    /** Keeps the person's language on their manager's and rep's rows; false when there is no such person. */
    public boolean setLanguage(String username, String language) {
        int managers = jdbc.sql("update manager set language = ? where username = ?").params(language, username).update();
        int reps = jdbc.sql("update rep set language = ? where username = ?").params(language, username).update();
        return managers + reps > 0;
    }

    public boolean setPasswordHash(String username, String passwordHash) {
        int managers = jdbc.sql("update manager set password_hash = ? where username = ?").params(passwordHash, username).update();
        int reps = jdbc.sql("update rep set password_hash = ? where username = ?").params(passwordHash, username).update();
        return managers + reps > 0;
    }

    boolean hasManager() {
        return jdbc.sql("select exists (select 1 from manager)").query(Boolean.class).single();
    }

    /** Adds the manager, who manages every team that has none. */
    void insertManagerOfUnmanagedTeams(Account manager, String passwordHash) {
        insertManagerIfAbsent(manager, passwordHash);
        jdbc.sql("update team set manager = ? where manager is null").param(manager.username()).update();
    }

    // The seed: what configuration names and the directory lacks.

    void insertManagerIfAbsent(Account manager, String passwordHash) {
        jdbc.sql("insert into manager (username, name, email, password_hash) values (?, ?, ?, ?) on conflict do nothing")
                .params(manager.username(), manager.name(), manager.email(), passwordHash).update();
    }

    void insertTeamIfAbsent(Team team) {
        jdbc.sql("insert into team (name, manager) values (?, ?) on conflict do nothing")
                .params(team.name(), team.manager()).update();
    }

    void insertRepIfAbsent(Account rep, String passwordHash) {
        jdbc.sql("insert into rep (username, name, email, team, password_hash) values (?, ?, ?, ?, ?) on conflict do nothing")
                .params(rep.username(), rep.name(), rep.email(), rep.team(), passwordHash).update();
    }

    static Rep rep(ResultSet rs) throws SQLException {
        return new Rep(rs.getString("username"), rs.getString("name"), rs.getString("email"), rs.getString("team"),
                rs.getBoolean("active"), rs.getBoolean("away"), rs.getObject("away_until", LocalDate.class),
                rs.getInt("monthly_capacity"));
    }
}
