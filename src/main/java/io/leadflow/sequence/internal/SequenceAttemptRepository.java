package io.leadflow.sequence.internal;

import io.leadflow.sequence.Channel;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceAttempt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Repository
public class SequenceAttemptRepository {

    private final JdbcClient jdbc;

    SequenceAttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the plan once: a redelivered planning job finds the plan it made the first time. */
    public void insertIfNew(UUID leadId, PlannedAttempt attempt, Instant now) {
        jdbc.sql("""
                        insert into sequence_attempt (lead_id, step, channel, planned_at, due, updated_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (lead_id, step) do nothing
                        """)
                .params(leadId, attempt.step(), attempt.channel().name(), Timestamp.from(attempt.at().toInstant()),
                        Timestamp.from(attempt.due().toInstant()), Timestamp.from(now))
                .update();
    }

    public List<SequenceAttempt> of(UUID leadId) {
        return jdbc.sql("select * from sequence_attempt where lead_id = ? order by step")
                .param(leadId)
                .query((rs, row) -> new SequenceAttempt(rs.getInt("step"), Channel.valueOf(rs.getString("channel")),
                        rs.getTimestamp("planned_at").toInstant(), rs.getTimestamp("due").toInstant(),
                        SequenceAttempt.Status.valueOf(rs.getString("status")), rs.getString("outcome")))
                .list();
    }

    /** Settles a planned attempt; one that is already settled keeps what it became first. */
    public void update(UUID leadId, int step, SequenceAttempt.Status status, String outcome, Instant now) {
        jdbc.sql("update sequence_attempt set status = ?, outcome = coalesce(?, outcome), updated_at = ? where lead_id = ? and step = ? and status = 'PLANNED'")
                .params(status.name(), outcome, Timestamp.from(now), leadId, step).update();
    }

    /** Ends what is still planned (the sequence stopped); returns how many attempts that cancelled. */
    public int cancelPlanned(UUID leadId, String reason, Instant now) {
        return jdbc.sql("update sequence_attempt set status = 'CANCELLED', outcome = ?, updated_at = ? where lead_id = ? and status = 'PLANNED'")
                .params(reason, Timestamp.from(now), leadId).update();
    }
}
