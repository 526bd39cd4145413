package io.leadflow.email;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadflow.lead.LeadSelection;
import io.leadflow.platform.Json;
import io.leadflow.platform.WorkQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox in PostgreSQL: a mail is stored once per idempotency key, in the same breath as the job
 * that asked for it, and the {@link MailDispatcher} sends it — so a job delivered twice, or a worker
 * that crashes after asking, never sends twice and never loses the mail.
 */
@Component
public class MailOutbox implements HealthIndicator {

    public record PendingMail(String idempotencyKey, UUID leadId, Mailbox recipient, Mailbox sender, String subject,
                              String textBody, String htmlBody, String messageId, Map<String, String> headers,
                              int attempts) {
    }

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;
    private final String messageIdDomain;
    private final Duration giveUpAfter;
    private final ApplicationEventPublisher events;
    /** A mail's sending time never changes once set: asked for at every open of a tracked email, read once. */
    private final Cache<String, Instant> sent = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    MailOutbox(JdbcClient jdbc, Json json, Clock clock, MailProperties settings, ApplicationEventPublisher events,
               MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.messageIdDomain = settings.messageIdDomain();
        this.giveUpAfter = settings.retry().giveUpAfter();
        this.events = events;
        // Read at each scrape (an index holds the FAILED ones), so every leadflow node tells the same number.
        Gauge.builder("leadflow.mail.undeliverable", this, MailOutbox::failedCount)
                .description("Mails given up (FAILED) that wait for a manager's retry").register(meters);
    }

    /** The mail's Message-ID, and whether this call stored it (false: the same key was stored before). */
    public record Enqueued(String messageId, boolean created) {
    }

    /** Stores the mail unless one with the same key exists. */
    public Enqueued enqueue(OutgoingMail mail) {
        String messageId = "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into outbound_mail (idempotency_key, lead_id, recipient, recipient_name, sender_name,
                            sender_address, subject, text_body, html_body, message_id, headers, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                        on conflict (idempotency_key) do nothing
                        """)
                .params(mail.idempotencyKey(), mail.leadId(), mail.recipient().address(), mail.recipient().name(),
                        mail.sender() == null ? null : mail.sender().name(),
                        mail.sender() == null ? null : mail.sender().address(), mail.subject(), mail.textBody(),
                        mail.htmlBody(), messageId, json.write(mail.headers()), Timestamp.from(now), Timestamp.from(now))
                .update();
        if (inserted == 1) {
            return new Enqueued(messageId, true);
        }
        return new Enqueued(jdbc.sql("select message_id from outbound_mail where idempotency_key = ?")
                .param(mail.idempotencyKey()).query(String.class).single(), false);
    }

    /**
     * Locks the longest-waiting due mails for the caller's transaction; a row another sender has locked is skipped,
     * not waited for, so two leadflows sending from one outbox never send the same mail at once.
     */
    List<PendingMail> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                        select * from outbound_mail where status = 'PENDING' and next_attempt_at <= ?
                        order by next_attempt_at limit ? for update skip locked
                        """)
                .params(Timestamp.from(now), limit)
                .query((rs, row) -> new PendingMail(rs.getString("idempotency_key"), rs.getObject("lead_id", UUID.class),
                        new Mailbox(rs.getString("recipient_name"), rs.getString("recipient")),
                        rs.getString("sender_address") == null ? null
                                : new Mailbox(rs.getString("sender_name"), rs.getString("sender_address")),
                        rs.getString("subject"), rs.getString("text_body"),
                        rs.getString("html_body"), rs.getString("message_id"), stringMap(rs.getString("headers")),
                        rs.getInt("attempts")))
                .list();
    }

    void markSent(String key) {
        jdbc.sql("update outbound_mail set status = 'SENT', sent_at = ?, attempts = attempts + 1 where idempotency_key = ?")
                .params(Timestamp.from(clock.instant()), key).update();
    }

    /**
     * After a try that failed: a permanent refusal, or a failure while the mail has been failing for
     * {@code leadflow.mail.retry.give-up-after}, makes the mail FAILED and announces {@link MailFailed} (in the
     * caller's transaction, so it is announced once); any other waits {@code retryIn}. True when it was given up.
     */
    boolean markFailed(PendingMail mail, SendFailure failure, Duration retryIn) {
        Instant now = clock.instant();
        Instant failingSince = jdbc.sql("""
                        update outbound_mail set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                            failing_since = coalesce(failing_since, ?)
                        where idempotency_key = ? returning failing_since
                        """)
                .params(failure.error(), Timestamp.from(now.plus(retryIn)), Timestamp.from(now), mail.idempotencyKey())
                .query(Timestamp.class).single().toInstant();
        if (!failure.permanent() && failingSince.plus(giveUpAfter).isAfter(now)) {
            return false;
        }
        jdbc.sql("update outbound_mail set status = 'FAILED', failed_at = ? where idempotency_key = ?")
                .params(Timestamp.from(now), mail.idempotencyKey()).update();
        events.publishEvent(new MailFailed(mail.leadId(), mail.idempotencyKey(), mail.messageId(), mail.subject(),
                failure.error(), failure.permanent()));
        return true;
    }

    /**
     * A mail given up, as managers see it.
     *
     * @param attempts how often it was tried in all
     */
    public record FailedMail(String idempotencyKey, UUID leadId, String recipient, String subject, String error,
                             Instant failedAt, int attempts) {
    }

    /** The mails given up: how many in all, and the latest ones, newest first. */
    public record Failed(long total, List<FailedMail> mails) {
    }

    /** The latest {@code limit} mails given up in [from, to) about the selected leads, and how many there are in all. */
    public Failed failed(int limit, Instant from, Instant to, LeadSelection leads) {
        String where = "status = 'FAILED' and failed_at >= :from and failed_at < :to and " + leads.condition("lead_id");
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(from));
        params.put("to", Timestamp.from(to));
        params.put(LeadSelection.PARAMETER, leads.parameter());
        List<FailedMail> mails = jdbc.sql("select * from outbound_mail where " + where
                        + " order by failed_at desc, idempotency_key limit :limit")
                .params(params).param("limit", limit).query(MailOutbox::failedMail).list();
        return new Failed(mails.size() < limit ? mails.size()
                : jdbc.sql("select count(*) from outbound_mail where " + where).params(params).query(Long.class).single(), mails);
    }

    /**
     * Puts a FAILED mail back in the outbox to go now, its attempts kept and a whole {@code give-up-after} ahead of
     * it; returns it as it was. Empty when no mail under this key is FAILED (see {@link #exists}): only a FAILED
     * mail is put back, so two retries at once send it once.
     */
    public Optional<FailedMail> retry(String idempotencyKey) {
        return jdbc.sql("""
                        update outbound_mail set status = 'PENDING', next_attempt_at = ?, failing_since = null
                        where idempotency_key = ? and status = 'FAILED' returning *
                        """)
                .params(Timestamp.from(clock.instant()), idempotencyKey).query(MailOutbox::failedMail).optional();
    }

    /** Whether the outbox holds a mail under this key, whatever its status. */
    public boolean exists(String idempotencyKey) {
        return jdbc.sql("select count(*) from outbound_mail where idempotency_key = ?").param(idempotencyKey)
                .query(Long.class).single() > 0;
    }

    private static FailedMail failedMail(ResultSet rs, int row) throws SQLException {
        return new FailedMail(rs.getString("idempotency_key"), rs.getObject("lead_id", UUID.class), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("last_error"), rs.getTimestamp("failed_at").toInstant(), rs.getInt("attempts"));
    }

    private long failedCount() {
        return jdbc.sql("select count(*) from outbound_mail where status = 'FAILED'").query(Long.class).single();
    }

    /** The mails waiting to go: how many, how many of them are due, and how long the oldest due one has waited. */
    WorkQueue.Backlog backlog(Instant now) {
        return WorkQueue.Backlog.of(jdbc, "outbound_mail", "status = 'PENDING'", Map.of(), "next_attempt_at", now);
    }

    /**
     * UP, with the mails waiting to go ({@link #backlog}) and how many of them failed at least once; and how many were
     * given up (FAILED, waiting for a manager's retry). A queue or a refused mail is a number to act on, not an outage.
     */
    @Override
    public Health health() {
        WorkQueue.Backlog backlog = backlog(clock.instant());
        return Health.up()
                .withDetail("pending", backlog.pending())
                .withDetail("due", backlog.due())
                .withDetail("retrying", jdbc.sql("select count(*) from outbound_mail where status = 'PENDING' and attempts > 0")
                        .query(Long.class).single())
                .withDetail("oldestDueSeconds", backlog.oldestDueSeconds())
                .withDetail("failed", failedCount())
                .build();
    }

    /** Where leadflow's Message-ID is known, a reply's In-Reply-To finds its lead. */
    public Optional<UUID> leadOfMessage(String messageId) {
        return jdbc.sql("select lead_id from outbound_mail where message_id = ?").param(messageId).query(UUID.class).optional();
    }

    /** When the mail stored under this key was sent; empty while it waits (or when there is none). */
    public Optional<Instant> sentAt(String idempotencyKey) {
        return Optional.ofNullable(sent.get(idempotencyKey, key -> jdbc.sql(
                        "select sent_at from outbound_mail where idempotency_key = ? and sent_at is not null")
                .param(key).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null)));
    }

    private Map<String, String> stringMap(String value) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        json.map(value).forEach((name, header) -> headers.put(name, String.valueOf(header)));
        return headers;
    }
}
