package io.leadflow.simulation.internal;

import io.leadflow.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code simulation} table: a simulation's request, its progress and, once done, its diff as JSON. */
@Repository
class SimulationRepository {

    enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** A simulation as stored; {@code result} is the diff as JSON (null until done). */
    record Stored(UUID id, String requestedBy, Instant from, Instant to, List<String> candidateFiles, Status status, int leads,
                  int replayed, String problem, Map<String, Object> result, Instant createdAt, Instant finishedAt) {
    }

    private final JdbcClient jdbc;
    private final Json json;

    SimulationRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, String requestedBy, Instant from, Instant to, List<String> candidateFiles, int leads, Instant now) {
        jdbc.sql("insert into simulation (id, requested_by, period_from, period_to, candidate_files, status, leads, created_at) "
                        + "values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)")
                .params(id, requestedBy, Timestamp.from(from), Timestamp.from(to), json.write(candidateFiles), Status.QUEUED.name(),
                        leads, Timestamp.from(now))
                .update();
    }

    void progress(UUID id, Status status, int replayed) {
        jdbc.sql("update simulation set status = ?, replayed = ? where id = ? and status in ('QUEUED', 'RUNNING')")
                .params(status.name(), replayed, id).update();
    }

    /** Ends a simulation still under way; false when it had ended already (cancelled meanwhile). */
    boolean finish(UUID id, Status status, String problem, String result, Instant now) {
        return jdbc.sql("update simulation set status = ?, problem = ?, result = cast(? as jsonb), finished_at = ? "
                        + "where id = ? and status in ('QUEUED', 'RUNNING')")
                .params(status.name(), problem, result, Timestamp.from(now), id).update() == 1;
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql("select * from simulation where id = ?").param(id).query(this::stored).optional();
    }

    void delete(UUID id) {
        jdbc.sql("delete from simulation where id = ?").param(id).update();
    }

    int deleteFinishedBefore(Instant before) {
        return jdbc.sql("delete from simulation where finished_at < ?").param(Timestamp.from(before)).update();
    }

    /** Simulations a stop of leadflow interrupted: they end as failed, saying so. */
    int failUnfinished(String problem, Instant now) {
        return jdbc.sql("update simulation set status = 'FAILED', problem = ?, finished_at = ? where status in ('QUEUED', 'RUNNING')")
                .params(problem, Timestamp.from(now)).update();
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Stored(rs.getObject("id", UUID.class), rs.getString("requested_by"), rs.getTimestamp("period_from").toInstant(),
                rs.getTimestamp("period_to").toInstant(), json.strings(rs.getString("candidate_files")),
                Status.valueOf(rs.getString("status")), rs.getInt("leads"), rs.getInt("replayed"), rs.getString("problem"),
                result == null ? null : json.map(result), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
