package io.leadflow.sequence.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;

/** Addresses that never get another sequence email, from any sequence, ever: unsubscribed or hard-bounced. */
@Component
public class SuppressionList {

    public enum Reason { UNSUBSCRIBED, BOUNCED }

    private final JdbcClient jdbc;
    private final Clock clock;

    SuppressionList(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns whether the address was newly suppressed. */
    public boolean suppress(String email, Reason reason) {
        return jdbc.sql("insert into suppression (email_key, reason, at) values (?, ?, ?) on conflict (email_key) do nothing")
                .params(key(email), reason.name(), Timestamp.from(clock.instant())).update() == 1;
    }

    public boolean isSuppressed(String email) {
        return email == null || jdbc.sql("select count(*) from suppression where email_key = ?")
                .param(key(email)).query(Integer.class).single() > 0;
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
