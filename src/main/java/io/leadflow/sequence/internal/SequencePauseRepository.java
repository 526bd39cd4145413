package io.leadflow.sequence.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** The latest pause of each round of a lead's sequence. */
@Repository
public class SequencePauseRepository {

    /**
     * A pause until a day; {@code firstPlannedAt} is when the first attempt still to come was planned before it (null
     * when none was to come), {@code resumedAt} when it was ended early (null while it holds).
     */
    public record Pause(LocalDate until, Instant firstPlannedAt, Instant pausedAt, Instant resumedAt) {

        /** Whether the pause holds on the lead's {@code today}: not resumed, and its day still to come. */
        public boolean holdsOn(LocalDate today) {
            return resumedAt == null && until.isAfter(today);
        }
    }

    private final JdbcClient jdbc;

    SequencePauseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Pause> of(UUID leadId, int round) {
        return jdbc.sql("select * from sequence_pause where lead_id = ? and round = ?")
                .params(leadId, round)
                .query((rs, row) -> new Pause(rs.getObject("paused_until", LocalDate.class), instant(rs.getTimestamp("first_planned_at")),
                        instant(rs.getTimestamp("paused_at")), instant(rs.getTimestamp("resumed_at"))))
                .optional();
    }

    /** Records the round's pause, replacing an earlier one. */
    public void pause(UUID leadId, int round, Pause pause) {
        jdbc.sql("""
                        insert into sequence_pause (lead_id, round, paused_until, first_planned_at, paused_at, resumed_at)
                        values (?, ?, ?, ?, ?, null)
                        on conflict (lead_id, round) do update set paused_until = excluded.paused_until,
                            first_planned_at = excluded.first_planned_at, paused_at = excluded.paused_at, resumed_at = null
                        """)
                .params(leadId, round, pause.until(), timestamp(pause.firstPlannedAt()), timestamp(pause.pausedAt()))
                .update();
    }

    public void resume(UUID leadId, int round, Instant now) {
        jdbc.sql("update sequence_pause set resumed_at = ? where lead_id = ? and round = ?")
                .params(Timestamp.from(now), leadId, round)
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
