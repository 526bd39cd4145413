package io.leadflow.assignment.internal;

import io.leadflow.assignment.Rep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The round robin inside a team, kept in {@code rep_assignment}: every hand-off is a row, numbered in the order
 * the rotation made it, so the next turn is the present rep under capacity whose last turn is oldest — after a
 * restart as before it. Concurrent hand-offs to a team take turns on a lock of the team's row.
 */
@Component
public class Rotation {

    /** Who gets the lead; {@code overCapacity}: every rep of the team was away or full, so the least loaded got it. */
    public record Turn(Rep rep, String team, boolean overCapacity) {
    }

    public enum Kind { ASSIGNED, REASSIGNED }

    /** A rep of the team, the leads handed to them this month, and their last turn (null: never had one). */
    record Candidate(Rep rep, int assignedThisMonth, Long lastTurn) {
    }

    private static final Comparator<Candidate> TURN_ORDER = Comparator
            .comparing(Candidate::lastTurn, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(candidate -> candidate.rep().username());

    private final JdbcClient jdbc;
    private final Clock clock;

    Rotation(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The start of the calendar month (UTC) that capacity counts in. */
    public static Instant monthStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Locks the team until the transaction ends; false when there is no such team. */
    public boolean lock(String team) {
        return jdbc.sql("select name from team where name = ? for update").param(team).query(String.class).optional().isPresent();
    }

    /**
     * The team's next rep other than {@code excluded} (null: anyone), the team locked until the transaction ends;
     * empty when the team does not exist or has no other active rep.
     */
    public Optional<Turn> next(String team, String excluded) {
        if (!lock(team)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Candidate> candidates = jdbc.sql("""
                        select r.username, r.name, r.email, r.team, r.active, r.away, r.away_until, r.monthly_capacity,
                               (select count(*) from rep_assignment a where a.rep = r.username and a.assigned_at >= ?) as assigned,
                               (select max(a.id) from rep_assignment a where a.rep = r.username) as last_turn
                        from rep r where r.team = ?""")
                .params(Timestamp.from(monthStart(now)), team)
                .query((rs, row) -> new Candidate(DirectoryRepository.rep(rs), rs.getInt("assigned"),
                        rs.getObject("last_turn", Long.class)))
                .list();
        return choose(team, candidates, LocalDate.ofInstant(now, ZoneOffset.UTC), excluded);
    }

    /**
     * The present, active rep under capacity whose last turn is oldest (then by username); when there is none, the
     * least loaded active rep, present ones first.
     */
    static Optional<Turn> choose(String team, List<Candidate> candidates, LocalDate today, String excluded) {
        List<Candidate> active = candidates.stream()
                .filter(candidate -> candidate.rep().active() && !candidate.rep().username().equals(excluded))
                .toList();
        return active.stream()
                .filter(candidate -> candidate.rep().presentOn(today)
                        && candidate.assignedThisMonth() < candidate.rep().monthlyCapacity())
                .min(TURN_ORDER)
                .map(candidate -> new Turn(candidate.rep(), team, false))
                .or(() -> active.stream()
                        .min(Comparator.comparing((Candidate candidate) -> !candidate.rep().presentOn(today))
                                .thenComparing(Candidate::assignedThisMonth)
                                .thenComparing(TURN_ORDER))
                        .map(candidate -> new Turn(candidate.rep(), team, true)));
    }

    /** Records the hand-off as the rep's turn; false when the lead was assigned before (ASSIGNED is once per lead). */
    public boolean record(UUID leadId, Turn turn, Kind kind) {
        return jdbc.sql("""
                        insert into rep_assignment (lead_id, rep, team, kind, over_capacity, assigned_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (lead_id) where kind = 'ASSIGNED' do nothing""")
                .params(leadId, turn.rep().username(), turn.team(), kind.name(), turn.overCapacity(),
                        Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** The team the lead was last handed to a rep of. */
    public Optional<String> teamOf(UUID leadId) {
        return jdbc.sql("select team from rep_assignment where lead_id = ? order by id desc limit 1")
                .param(leadId).query(String.class).optional();
    }
}
