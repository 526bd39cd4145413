package io.leadflow.sequence.internal;

import io.leadflow.sequence.Channel;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceAttempt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class SequenceAttemptRepository {

    private static final String LATEST_ROUND = "(select max(round) from sequence_attempt where lead_id = ?)";

    private final JdbcClient jdbc;

    SequenceAttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the plan of a round once, in one statement: a redelivered planning job finds the plan it made the first
     * time.
     */
    public void insertIfNew(UUID leadId, int round, List<PlannedAttempt> plan, Instant now) {
        if (plan.isEmpty()) {
            return;
        }
        List<Object> values = new ArrayList<>();
        for (PlannedAttempt attempt : plan) {
            values.addAll(List.of(leadId, round, attempt.step(), attempt.channel().name(), Timestamp.from(attempt.at().toInstant()),
                    Timestamp.from(attempt.due().toInstant()), Timestamp.from(now)));
        }
        jdbc.sql("insert into sequence_attempt (lead_id, round, step, channel, planned_at, due, updated_at) values "
                        + String.join(", ", Collections.nCopies(plan.size(), "(?, ?, ?, ?, ?, ?, ?)"))
                        + " on conflict (lead_id, round, step) do nothing")
                .params(values)
                .update();
    }

    /** The attempts of the lead's latest sequence. */
    public List<SequenceAttempt> of(UUID leadId) {
        return jdbc.sql("select * from sequence_attempt where lead_id = ? and round = " + LATEST_ROUND + " order by step")
                .params(leadId, leadId)
                .query(SequenceAttemptRepository::attempt)
                .list();
    }

    public List<SequenceAttempt> ofRound(UUID leadId, int round) {
        return jdbc.sql("select * from sequence_attempt where lead_id = ? and round = ? order by step")
                .params(leadId, round)
                .query(SequenceAttemptRepository::attempt)
                .list();
    }

    /** The lead's latest round, if it has a sequence. */
    public Optional<Integer> latestRound(UUID leadId) {
        return jdbc.sql("select round from sequence_attempt where lead_id = ? order by round desc limit 1").params(leadId)
                .query(Integer.class).optional();
    }

    /** The attempts of a round, locked until the transaction ends: one change of the plan at a time. */
    public List<SequenceAttempt> lockRound(UUID leadId, int round) {
        return jdbc.sql("select * from sequence_attempt where lead_id = ? and round = ? order by step for update")
                .params(leadId, round)
                .query(SequenceAttemptRepository::attempt)
                .list();
    }

    /** Moves an attempt that is still planned. */
    public void reschedule(UUID leadId, int round, PlannedAttempt attempt, Instant now) {
        jdbc.sql("update sequence_attempt set planned_at = ?, due = ?, updated_at = ? "
                        + "where lead_id = ? and round = ? and step = ? and status = 'PLANNED'")
                .params(Timestamp.from(attempt.at().toInstant()), Timestamp.from(attempt.due().toInstant()), Timestamp.from(now),
                        leadId, round, attempt.step())
                .update();
    }

    /** Settles a planned attempt of the latest sequence; one that is already settled keeps what it became first. */
    public void update(UUID leadId, int step, SequenceAttempt.Status status, String outcome, Instant now) {
        jdbc.sql("update sequence_attempt set status = ?, outcome = coalesce(?, outcome), updated_at = ? "
                        + "where lead_id = ? and round = " + LATEST_ROUND + " and step = ? and status = 'PLANNED'")
                .params(status.name(), outcome, Timestamp.from(now), leadId, leadId, step).update();
    }

    /**
     * Settles a planned attempt of the latest sequence as made {@code now}, {@code workingHours} of the lead's working
     * time after its planned moment; one that is already settled keeps what it became first.
     */
    public void made(UUID leadId, int step, String outcome, Instant now, double workingHours) {
        jdbc.sql("update sequence_attempt set status = 'DONE', outcome = coalesce(?, outcome), updated_at = ?, made_at = ?, "
                        + "working_hours_to_made = ? where lead_id = ? and round = " + LATEST_ROUND + " and step = ? and status = 'PLANNED'")
                .params(outcome, Timestamp.from(now), Timestamp.from(now), workingHours, leadId, leadId, step).update();
    }

    /** Whether an email of the round went to the lead at a step before {@code step}: then {@code step}'s is not its first. */
    public boolean emailedBefore(UUID leadId, int round, int step) {
        return jdbc.sql("select exists (select 1 from sequence_attempt where lead_id = ? and round = ? and step < ? and template is not null)")
                .params(leadId, round, step).query(Boolean.class).single();
    }

    /**
     * The template of the email sent for an attempt of the latest sequence (its own, or its call's follow-up), and its
     * A/B variant (null: the step has none).
     */
    public void recordTemplate(UUID leadId, int step, String template, String variant) {
        jdbc.sql("update sequence_attempt set template = ?, variant = ? where lead_id = ? and round = " + LATEST_ROUND + " and step = ?")
                .params(template, variant, leadId, leadId, step).update();
    }

    private static SequenceAttempt attempt(ResultSet rs, int row) throws SQLException {
        return new SequenceAttempt(rs.getInt("step"), Channel.valueOf(rs.getString("channel")),
                rs.getTimestamp("planned_at").toInstant(), rs.getTimestamp("due").toInstant(),
                SequenceAttempt.Status.valueOf(rs.getString("status")), rs.getString("outcome"));
    }

    /** Ends what is still planned (the sequence stopped); returns how many attempts that cancelled. */
    public int cancelPlanned(UUID leadId, String reason, Instant now) {
        return jdbc.sql("update sequence_attempt set status = 'CANCELLED', outcome = ?, updated_at = ? where lead_id = ? and status = 'PLANNED'")
                .params(reason, Timestamp.from(now), leadId).update();
    }
}
