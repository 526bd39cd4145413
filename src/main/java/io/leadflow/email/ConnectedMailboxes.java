package io.leadflow.email;

import io.leadflow.email.ConnectedMailbox.Server;
import io.leadflow.email.ConnectedMailbox.Tls;
import io.leadflow.email.internal.EmbeddedMailboxes;
import io.leadflow.email.internal.MailServers;
import io.leadflow.email.internal.MailboxPasswords;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The mailboxes leadflow reads and the reps' own it sends through: leadflow's inbox ({@code leadflow.mail.inbox.*}),
 * each rep's connected mailbox (set by a manager, its password encrypted) and, in the embedded default, the embedded
 * server's mailbox of every rep who has none connected. The one owner of the {@code connected_mailbox} and
 * {@code mailbox_health} tables. As a health indicator it lists the mailboxes whose last read failed, and why.
 */
@Component
public class ConnectedMailboxes implements HealthIndicator {

    /** The owner leadflow's own inbox is kept under. */
    public static final String LEADFLOW = "leadflow";

    /**
     * A mailbox as managers see it: never its password. {@code connected} is false for the embedded default's;
     * {@code failure} is what failed at the last read or sending (null when it worked), since {@code failingSince}.
     * {@code perHour} and {@code perDay} are its own sending limits (null: the settings'); {@code limit} is the one
     * that applies.
     */
    public record MailboxView(String owner, String address, Server smtp, Server imap, String username, boolean connected,
                              String failure, Instant failingSince, Instant lastRead, Integer perHour, Integer perDay,
                              SendingLimit limit) {
    }

    /** A mailbox to read: {@code key} names it with its login and server, so a changed one is read afresh. */
    public record Readable(String key, String owner, ConnectedMailbox mailbox) {
    }

    /** The result of a "test connection": each server's failure, null when it worked. */
    public record ConnectionTest(boolean ok, MailboxFailure smtp, MailboxFailure imap) {
    }

    private final JdbcClient jdbc;
    private final MailboxPasswords passwords;
    private final Clock clock;
    private final MailProperties settings;
    private final ObjectProvider<MailboxOwners> owners;
    private final ObjectProvider<EmbeddedMailboxes> embeddedMailboxes;
    private final Server embeddedSmtp;
    private final Validator validator;

    ConnectedMailboxes(JdbcClient jdbc, MailboxPasswords passwords, Clock clock, MailProperties settings,
                       ObjectProvider<MailboxOwners> owners, ObjectProvider<EmbeddedMailboxes> embeddedMailboxes,
                       @Value("${spring.mail.host:127.0.0.1}") String smtpHost, @Value("${spring.mail.port:3025}") int smtpPort,
                       Validator validator) {
        if (settings.embedded().enabled() && embeddedMailboxes.getIfAvailable() == null) {
            // Else every rep's default mailbox would point at a server that is not there.
            throw new IllegalStateException("leadflow.mail.embedded.enabled is true, but this build has no embedded mail server "
                    + "(the production jar leaves it out): point spring.mail.* and leadflow.mail.inbox.* at your mail server");
        }
        this.embeddedMailboxes = embeddedMailboxes;
        this.validator = validator;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.settings = settings;
        this.owners = owners;
        this.embeddedSmtp = new Server(smtpHost, smtpPort, Tls.NONE);
    }

    /** The owner's mailbox: the connected one, else the embedded default's (when the embedded server runs). */
    public Optional<MailboxView> find(String owner, String ownerAddress) {
        Optional<ConnectedMailbox> connected = connected(owner);
        Optional<ConnectedMailbox> mailbox = connected.or(() -> embeddedDefault(ownerAddress));
        return mailbox.map(box -> view(owner, box, connected.isPresent()));
    }

    /**
     * Connects (or replaces) the owner's mailbox; a request without a password keeps the saved one. 400 naming the
     * fields at fault, also for an address another owner's mailbox has.
     */
    public MailboxView save(String owner, MailboxRequest request) {
        ConnectedMailbox mailbox = request.toMailbox(connected(owner).map(ConnectedMailbox::password).orElse(null), validator);
        try {
            jdbc.sql("""
                            insert into connected_mailbox (owner, address, smtp_host, smtp_port, smtp_tls, imap_host, imap_port,
                                imap_tls, username, password_cipher, updated_at, per_hour, per_day)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (owner) do update set address = excluded.address, smtp_host = excluded.smtp_host,
                                smtp_port = excluded.smtp_port, smtp_tls = excluded.smtp_tls, imap_host = excluded.imap_host,
                                imap_port = excluded.imap_port, imap_tls = excluded.imap_tls, username = excluded.username,
                                password_cipher = excluded.password_cipher, updated_at = excluded.updated_at,
                                per_hour = excluded.per_hour, per_day = excluded.per_day
                            """)
                    .params(owner, mailbox.address(), mailbox.smtp().host(), mailbox.smtp().port(), mailbox.smtp().tls().name(),
                            mailbox.imap().host(), mailbox.imap().port(), mailbox.imap().tls().name(), mailbox.username(),
                            passwords.encrypt(owner, mailbox.password()), Timestamp.from(clock.instant()), request.perHour(),
                            request.perDay())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidRequestException("The mailbox has fields at fault",
                    List.of(new FieldError("address", "is the mailbox of someone else")));
        }
        forgetFailures(owner);
        return view(owner, mailbox, true);
    }

    /** Disconnects the owner's mailbox (the embedded default's applies again where there is one). */
    public boolean remove(String owner) {
        boolean removed = jdbc.sql("delete from connected_mailbox where owner = ?").param(owner).update() == 1;
        forgetFailures(owner);
        return removed;
    }

    /**
     * A changed mailbox is read afresh: what the owner's earlier settings failed with says nothing of it. The rows stay,
     * with any reader's lease on them.
     */
    private void forgetFailures(String owner) {
        jdbc.sql("update mailbox_health set failure = null, failing_since = null where owner = ?").param(owner).update();
    }

    /** Logs in to both servers of the given mailbox (with the saved password when none is given) and says what failed. */
    public ConnectionTest test(String owner, MailboxRequest request) {
        return test(request.toMailbox(connected(owner).map(ConnectedMailbox::password).orElse(null), validator));
    }

    /** Logs in to both servers of the owner's mailbox as it is (connected or the embedded default's). */
    public Optional<ConnectionTest> test(String owner, String ownerAddress) {
        return connected(owner).or(() -> embeddedDefault(ownerAddress)).map(this::test);
    }

    private ConnectionTest test(ConnectedMailbox mailbox) {
        MailboxFailure smtp = check(() -> MailServers.openTransport(mailbox, settings.mailboxes().timeout()));
        MailboxFailure imap = check(() -> MailServers.openStore(mailbox, settings.mailboxes().timeout()));
        return new ConnectionTest(smtp == null && imap == null, smtp, imap);
    }

    private interface Connection {
        Service open() throws MessagingException;
    }

    private static MailboxFailure check(Connection connection) {
        try (Service opened = connection.open()) {
            return null;
        } catch (MessagingException | RuntimeException e) {
            return MailServers.failure(e);
        }
    }

    /** Every mailbox leadflow reads: its own inbox, the connected ones, and the embedded default's of the others. */
    public List<Readable> readable() {
        List<Readable> readable = new ArrayList<>();
        MailProperties.Inbox inbox = settings.inbox();
        readable.add(readable(LEADFLOW, new ConnectedMailbox(inbox.address(), embeddedSmtp,
                new Server(inbox.host(), inbox.port(), Tls.NONE), inbox.address(), inbox.password())));
        Map<String, ConnectedMailbox> connected = jdbc.sql("select * from connected_mailbox order by owner")
                .query((rs, row) -> Map.entry(rs.getString("owner"), mailbox(rs, row)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        connected.forEach((owner, mailbox) -> readable.add(readable(owner, mailbox)));
        owners.orderedStream().flatMap(source -> source.mailboxOwners().stream())
                .filter(owner -> !connected.containsKey(owner.owner()))
                .forEach(owner -> embeddedDefault(owner.address()).ifPresent(mailbox -> {
                    openOnTheEmbeddedServer(mailbox);
                    readable.add(readable(owner.owner(), mailbox));
                }));
        return readable;
    }

    /** The connected mailbox mail from this address goes out through; none: leadflow's SMTP server ({@code spring.mail.*}). */
    public Optional<ConnectedMailbox> sendingMailbox(String address) {
        return address == null ? Optional.empty()
                : jdbc.sql("select * from connected_mailbox where lower(address) = lower(?)").param(address).query(this::mailbox).optional();
    }

    /** What the last read of a mailbox came to: null when it worked. */
    public void recordRead(Readable mailbox, MailboxFailure failure) {
        Timestamp now = Timestamp.from(clock.instant());
        String text = failure == null ? null : abbreviate(failure.toString());
        jdbc.sql("""
                        insert into mailbox_health (mailbox, owner, failure, failing_since, read_at)
                        values (?, ?, ?, cast(? as timestamptz), cast(? as timestamptz))
                        on conflict (mailbox) do update set failure = excluded.failure,
                            failing_since = case when excluded.failure is null then null
                                                 else coalesce(mailbox_health.failing_since, excluded.failing_since) end,
                            read_at = coalesce(excluded.read_at, mailbox_health.read_at)
                        """)
                .params(mailbox.key(), mailbox.owner(), text, text == null ? null : now, text == null ? now : null)
                .update();
    }

    /** UP, with each mailbox whose last read failed and what failed: a rep's password to set again, not an outage. */
    @Override
    public Health health() {
        Map<String, Object> failing = new LinkedHashMap<>();
        jdbc.sql("select owner, failure, failing_since from mailbox_health where failure is not null order by owner")
                .query((rs, row) -> failing.put(rs.getString("owner"),
                        Map.of("failure", rs.getString("failure"), "since", rs.getTimestamp("failing_since").toInstant().toString())))
                .list();
        return Health.up().withDetail("failing", failing).build();
    }

    private Readable readable(String owner, ConnectedMailbox mailbox) {
        return new Readable(owner + "/" + mailbox.username() + "@" + mailbox.imap().host() + ":" + mailbox.imap().port(),
                owner, mailbox);
    }

    private Optional<ConnectedMailbox> connected(String owner) {
        return jdbc.sql("select * from connected_mailbox where owner = ?").param(owner).query(this::mailbox).optional();
    }

    /** The embedded server opens an address's mailbox with its first mail: a rep who got none yet can be read all the same. */
    private void openOnTheEmbeddedServer(ConnectedMailbox mailbox) {
        embeddedMailboxes.ifAvailable(mailboxes -> mailboxes.open(mailbox.address(), mailbox.username(), mailbox.password()));
    }

    /** On the embedded server every address has a mailbox whose login and password are the address. */
    private Optional<ConnectedMailbox> embeddedDefault(String address) {
        if (!settings.embedded().enabled() || address == null) {
            return Optional.empty();
        }
        return Optional.of(new ConnectedMailbox(address, embeddedSmtp, new Server("127.0.0.1", settings.inbox().port(), Tls.NONE),
                address, address));
    }

    private MailboxView view(String owner, ConnectedMailbox mailbox, boolean connected) {
        String key = readable(owner, mailbox).key();
        MailProperties.Limits.PerMailbox own = jdbc.sql("select per_hour, per_day from connected_mailbox where owner = ?").param(owner)
                .query(SendingLimits::own).optional().orElse(MailProperties.Limits.PerMailbox.NONE);
        SendingLimit limit = own.over(settings.limits().of(mailbox.address()));
        return jdbc.sql("select * from mailbox_health where mailbox = ?").param(key)
                .query((rs, row) -> new MailboxView(owner, mailbox.address(), mailbox.smtp(), mailbox.imap(), mailbox.username(),
                        connected, rs.getString("failure"), instant(rs.getTimestamp("failing_since")), instant(rs.getTimestamp("read_at")),
                        own.perHour(), own.perDay(), limit))
                .optional()
                .orElse(new MailboxView(owner, mailbox.address(), mailbox.smtp(), mailbox.imap(), mailbox.username(), connected,
                        null, null, null, own.perHour(), own.perDay(), limit));
    }

    private ConnectedMailbox mailbox(ResultSet rs, int row) throws SQLException {
        return new ConnectedMailbox(rs.getString("address"),
                new Server(rs.getString("smtp_host"), rs.getInt("smtp_port"), Tls.valueOf(rs.getString("smtp_tls"))),
                new Server(rs.getString("imap_host"), rs.getInt("imap_port"), Tls.valueOf(rs.getString("imap_tls"))),
                rs.getString("username"), password(rs.getString("owner"), rs.getBytes("password_cipher")));
    }

    /** Null when it does not decrypt (the secret changed): that mailbox fails to log in and says so, the others go on. */
    private String password(String owner, byte[] stored) {
        try {
            return passwords.decrypt(owner, stored);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
