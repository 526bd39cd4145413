package io.leadflow.intake.internal;

import io.leadflow.platform.WorkQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The leads whose process is still to be started ({@code lead_process}), kept in PostgreSQL next to the leads themselves. */
@Repository
public class ProcessStartQueue {

    /** A start to do, how often it was tried, and which run of the lead's process it starts (the first is 1). */
    record PendingStart(UUID leadId, int attempts, int run) {

        /** The start message's id: the lead's id for its first run, then with the run's number, so each run starts once. */
        String messageId() {
            return run == 1 ? leadId.toString() : leadId + ":" + run;
        }
    }

    private final JdbcClient jdbc;

    ProcessStartQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the transaction that stores the lead. */
    void request(UUID leadId, Instant now) {
        jdbc.sql("insert into lead_process (lead_id, requested_at, next_attempt_at) values (?, ?, ?) on conflict do nothing")
                .params(leadId, Timestamp.from(now), Timestamp.from(now)).update();
    }

    /**
     * In the transaction that merged new facts into the lead: its process runs again, unless it has not ended
     * (still to start, running or lost). Returns whether it will.
     */
    boolean requestAgain(UUID leadId, Instant now) {
        return jdbc.sql("""
                        update lead_process set run = run + 1, requested_at = :now, attempts = 0, next_attempt_at = :now,
                            started_at = null, last_error = null, process_instance_key = null, engine_id = null,
                            ended_at = null, lost_at = null, checked_at = null
                        where lead_id = :id and ended_at is not null
                        """)
                .param("now", Timestamp.from(now)).param("id", leadId).update() == 1;
    }

    /**
     * Takes up to {@code limit} due starts and hides them for {@code lease}: another drainer (or this
     * one after a crash) takes them again only once the lease has passed. The due rows are chosen once (a materialized
     * query): as {@code lead_id in (select … limit … for update skip locked)} the planner may rescan the limited query
     * for each row and take more than {@code limit}.
     */
    List<PendingStart> claim(Instant now, Duration lease, int limit) {
        return jdbc.sql("""
                        with due as materialized (
                            select lead_id from lead_process
                            where started_at is null and next_attempt_at <= :now
                            order by next_attempt_at limit :limit for update skip locked)
                        update lead_process set next_attempt_at = :leaseEnd, attempts = attempts + 1
                        from due where lead_process.lead_id = due.lead_id
                        returning lead_process.lead_id, lead_process.attempts, lead_process.run
                        """)
                .param("leaseEnd", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new PendingStart(rs.getObject("lead_id", UUID.class), rs.getInt("attempts"), rs.getInt("run")))
                .list();
    }

    /** Returns whether this call marked it: only the first of several racing drainers records the start. */
    boolean markStarted(PendingStart start, Instant now) {
        return jdbc.sql("update lead_process set started_at = ?, last_error = null where lead_id = ? and run = ? and started_at is null")
                .params(Timestamp.from(now), start.leadId(), start.run()).update() == 1;
    }

    void retryLater(PendingStart start, Instant at, String error) {
        jdbc.sql("update lead_process set next_attempt_at = ?, last_error = ? where lead_id = ? and run = ? and started_at is null")
                .params(Timestamp.from(at), error, start.leadId(), start.run()).update();
    }

    WorkQueue.Backlog backlog(Instant now) {
        return WorkQueue.Backlog.of(jdbc, "lead_process", "started_at is null", Map.of(), "next_attempt_at", now);
    }

    public long pending() {
        return jdbc.sql("select count(*) from lead_process where started_at is null").query(Long.class).single();
    }
}
