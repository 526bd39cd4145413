package io.leadflow.sequence.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadflow.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The sequence emails sent with opens and clicks tracked, the links each carried, and what was done with them. */
@Repository
public class TrackedEmailRepository {

    /** A tracked email as the tracking links need it. */
    record TrackedEmail(UUID id, String outboxKey, UUID leadId, int step, String template, String variant, List<String> links) {
    }

    /** What an open or a click was to its email: the human one's running count (1: the first). */
    record Counted(int humanCount) {
        boolean first() {
            return humanCount == 1;
        }
    }

    private final JdbcClient jdbc;
    private final Json json;
    /** A tracked email never changes once stored: read once while its opens and clicks come in, not at each. */
    private final Cache<UUID, TrackedEmail> stored = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    TrackedEmailRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the email once: the same outbox key (a redelivered job) stores nothing more. */
    void insertIfNew(TrackedEmail email, int round, Instant now) {
        jdbc.sql("""
                        insert into tracked_email (id, outbox_key, lead_id, round, step, template, variant, links, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?) on conflict do nothing
                        """)
                .params(email.id(), email.outboxKey(), email.leadId(), round, email.step(), email.template(), email.variant(),
                        json.write(email.links()), Timestamp.from(now))
                .update();
    }

    Optional<TrackedEmail> find(UUID id) {
        return Optional.ofNullable(stored.get(id, this::load));
    }

    /** The stored email, or null: nothing is cached for an id that names none. */
    private TrackedEmail load(UUID id) {
        return jdbc.sql("select id, outbox_key, lead_id, step, template, variant, links from tracked_email where id = ?")
                .param(id)
                .query((rs, row) -> new TrackedEmail(rs.getObject("id", UUID.class), rs.getString("outbox_key"),
                        rs.getObject("lead_id", UUID.class), rs.getInt("step"), rs.getString("template"), rs.getString("variant"),
                        json.strings(rs.getString("links"))))
                .optional().orElse(null);
    }

    Counted open(UUID id, boolean machine, Instant now) {
        return count(id, machine ? "machine_opens = machine_opens + 1"
                : "opens = opens + 1, first_opened_at = coalesce(first_opened_at, :now)", machine ? "0" : "opens", now);
    }

    Counted click(UUID id, boolean machine, Instant now) {
        return count(id, machine ? "machine_clicks = machine_clicks + 1"
                : "clicks = clicks + 1, first_clicked_at = coalesce(first_clicked_at, :now)", machine ? "0" : "clicks", now);
    }

    /** One update: the row lock orders two fetches at once, so exactly one of them is the first. */
    private Counted count(UUID id, String assignments, String humanCount, Instant now) {
        return jdbc.sql("update tracked_email set " + assignments + " where id = :id returning " + humanCount)
                .param("id", id).param("now", Timestamp.from(now))
                .query((rs, row) -> new Counted(rs.getInt(1))).single();
    }
}
