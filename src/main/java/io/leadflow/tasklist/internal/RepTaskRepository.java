package io.leadflow.tasklist.internal;

import io.leadflow.engine.EngineIdentity;
import io.leadflow.platform.WorkQueue;
import io.leadflow.platform.Json;
import io.leadflow.tasklist.RepTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Repository
public class RepTaskRepository {

    private final JdbcClient jdbc;
    private final Json json;
    private final EngineIdentity engine;

    RepTaskRepository(JdbcClient jdbc, Json json, EngineIdentity engine) {
        this.jdbc = jdbc;
        this.json = json;
        this.engine = engine;
    }

    /** Stores a task the engine handed out; a redelivered job (same key) changes nothing. Returns whether it was new. */
    public boolean insertIfNew(RepTask task) {
        return jdbc.sql("""
                        insert into rep_task (engine_id, job_key, lead_id, element_id, name, assignee, candidate_groups, form_id, due,
                            status, created_at, attempt_step, context)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, cast(? as jsonb))
                        on conflict (engine_id, job_key) do nothing
                        """)
                .params(engine.id(), task.jobKey(), task.leadId(), task.elementId(), task.name(), task.assignee(),
                        task.candidateGroups(), task.formId(), task.due() == null ? null : Timestamp.from(task.due()),
                        Timestamp.from(task.createdAt()), task.attemptStep(), json.write(task.context()))
                .update() == 1;
    }

    /** Hands the lead's open tasks from one assignee to another; returns how many moved. */
    public int moveOpen(UUID leadId, String from, String to) {
        return jdbc.sql("update rep_task set assignee = ? where lead_id = ? and assignee = ? and status = 'OPEN'")
                .params(to, leadId, from).update();
    }

    /** Gives the lead's open task of a model element a new due; returns how many changed. */
    public int renewDue(UUID leadId, String elementId, Instant due) {
        return jdbc.sql("update rep_task set due = ? where lead_id = ? and element_id = ? and status = 'OPEN'")
                .params(Timestamp.from(due), leadId, elementId).update();
    }

    public Optional<RepTask> find(long jobKey) {
        return jdbc.sql("select * from rep_task where engine_id = ? and job_key = ?").params(engine.id(), jobKey).query(this::map).optional();
    }

    /** A page of these assignees' open tasks, soonest due first, those without a due last (index rep_task_open_due). */
    public List<RepTask> openFor(Collection<String> assignees, int limit, long offset) {
        return jdbc.sql("""
                        select * from rep_task where assignee in (:assignees) and status = 'OPEN'
                        order by due nulls last, created_at, job_key limit :limit offset :offset
                        """)
                .param("assignees", assignees).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    public long countOpenFor(Collection<String> assignees) {
        return jdbc.sql("select count(*) from rep_task where assignee in (:assignees) and status = 'OPEN'")
                .param("assignees", assignees).query(Long.class).single();
    }

    public List<RepTask> openOfLead(UUID leadId) {
        return jdbc.sql("select * from rep_task where lead_id = ? and status = 'OPEN' order by created_at")
                .param(leadId).query(this::map).list();
    }

    /** Cancels an open task (the process withdrew it); false when it is not open any more (completed, say). */
    public boolean cancel(long jobKey, Instant at) {
        return jdbc.sql("""
                        update rep_task set status = 'CANCELLED', result = '{}', completed_at = ?
                        where engine_id = ? and job_key = ? and status = 'OPEN'
                        """)
                .params(Timestamp.from(at), engine.id(), jobKey)
                .update() == 1;
    }

    /**
     * Records a person's completion of an open task with its outcome, its delivery to the engine pending (a retry may
     * go from {@code deliverAfter}); false when the task is not open any more.
     */
    public boolean recordCompletion(long jobKey, String by, Map<String, Object> result, Instant at, Instant deliverAfter) {
        return jdbc.sql("""
                        update rep_task set status = 'COMPLETED', completed_by = ?, result = cast(? as jsonb), completed_at = ?,
                            delivery = 'PENDING', deliver_after = ?
                        where engine_id = ? and job_key = ? and status = 'OPEN'
                        """)
                .params(by, json.write(result), Timestamp.from(at), Timestamp.from(deliverAfter), engine.id(), jobKey)
                .update() == 1;
    }

    /** A recorded completion on its way to the engine: its outcome, and how many tries went to the engine so far. */
    public record PendingCompletion(long jobKey, Map<String, Object> result, int tries) {
    }

    /**
     * Takes the next try of up to {@code limit} of this engine's recorded completions that are due, the longest waiting
     * first, and hides them until {@code nextTry}: counted and committed before the engine is asked, so that a crash
     * during the try still counts it. Each comes back with the tries before this one. The due rows are chosen once, in
     * a materialized query: as {@code job_key in (select … limit … for update skip locked)} the planner may rescan the
     * limited query for each pending row, each rescan skipping the rows the update just changed, and claim every due
     * row however small the limit (seen after a crash: ten claimed for four).
     */
    public List<PendingCompletion> claimDue(Instant now, Instant nextTry, int limit) {
        return jdbc.sql("""
                        with due as materialized (
                            select job_key from rep_task
                            where engine_id = :engine and delivery = 'PENDING' and deliver_after <= :now
                            order by deliver_after limit :limit for update skip locked)
                        update rep_task set delivery_attempts = delivery_attempts + 1, deliver_after = :nextTry
                        from due where rep_task.engine_id = :engine and rep_task.job_key = due.job_key
                        returning rep_task.job_key, rep_task.result, rep_task.delivery_attempts
                        """)
                .param("nextTry", Timestamp.from(nextTry)).param("engine", engine.id())
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, row) -> new PendingCompletion(rs.getLong("job_key"), json.map(rs.getString("result")),
                        rs.getInt("delivery_attempts") - 1))
                .list();
    }

    /** A try the engine did not answer: the next one waits until {@code nextTry}. */
    public void retryLater(long jobKey, Instant nextTry) {
        jdbc.sql("update rep_task set deliver_after = ? where engine_id = ? and job_key = ? and delivery = 'PENDING'")
                .params(Timestamp.from(nextTry), engine.id(), jobKey).update();
    }

    /** This engine's recorded completions still to reach it. */
    public WorkQueue.Backlog completionsBacklog(Instant now) {
        return WorkQueue.Backlog.of(jdbc, "rep_task", "engine_id = :engine and delivery = 'PENDING'",
                Map.of("engine", engine.id()), "deliver_after", now);
    }

    /**
     * Takes the next try of a pending completion, committed before the engine is asked so that a crash during the try
     * still counts it; the try after waits until {@code nextTry}. False when another try took it first.
     */
    public boolean claimTry(PendingCompletion completion, Instant nextTry) {
        return jdbc.sql("""
                        update rep_task set delivery_attempts = delivery_attempts + 1, deliver_after = ?
                        where engine_id = ? and job_key = ? and delivery = 'PENDING' and delivery_attempts = ?
                        """)
                .params(Timestamp.from(nextTry), engine.id(), completion.jobKey(), completion.tries())
                .update() == 1;
    }

    /** The engine answered: the completion's delivery ends as it says. */
    public void settleDelivery(long jobKey, RepTask.Delivery delivery) {
        jdbc.sql("update rep_task set delivery = ?, deliver_after = null where engine_id = ? and job_key = ? and delivery = 'PENDING'")
                .params(delivery.name(), engine.id(), jobKey)
                .update();
    }

    public List<RepTask> openOverdue(Instant now) {
        return jdbc.sql("select * from rep_task where engine_id = ? and status = 'OPEN' and due <= ?")
                .params(engine.id(), Timestamp.from(now)).query(this::map).list();
    }

    /** Closes the open tasks another engine handed out (its state is gone); returns the tasks it closed. */
    public List<RepTask> cancelOpenOfOtherEngines(Instant at) {
        return jdbc.sql("""
                        update rep_task set status = 'CANCELLED', completed_at = ? where status = 'OPEN' and engine_id <> ?
                        returning *
                        """)
                .params(Timestamp.from(at), engine.id()).query(this::map).list();
    }

    private RepTask map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due");
        Timestamp completedAt = rs.getTimestamp("completed_at");
        String result = rs.getString("result");
        String context = rs.getString("context");
        String delivery = rs.getString("delivery");
        return new RepTask(
                rs.getLong("job_key"),
                rs.getObject("lead_id", UUID.class),
                rs.getString("element_id"),
                rs.getString("name"),
                rs.getString("assignee"),
                rs.getString("candidate_groups"),
                rs.getString("form_id"),
                due == null ? null : due.toInstant(),
                RepTask.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                completedAt == null ? null : completedAt.toInstant(),
                rs.getString("completed_by"),
                result == null ? Map.of() : json.map(result),
                (Integer) rs.getObject("attempt_step"),
                context == null ? Map.of() : json.map(context),
                delivery == null ? null : RepTask.Delivery.valueOf(delivery));
    }
}
