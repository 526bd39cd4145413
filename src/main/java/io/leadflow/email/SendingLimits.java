package io.leadflow.email;

import io.leadflow.email.MailProperties.Limits.PerMailbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Each mailbox's sending limit: the one a manager set on its connected mailbox, else the settings'
 * ({@code leadflow.mail.limits.*}). Read only: {@link ConnectedMailboxes} writes the mailboxes.
 */
@Component
public class SendingLimits {

    private final JdbcClient jdbc;
    private final MailProperties settings;

    SendingLimits(JdbcClient jdbc, MailProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The sending limit of the mailbox with this address (any case). */
    public SendingLimit of(String address) {
        return jdbc.sql("select per_hour, per_day from connected_mailbox where lower(address) = lower(?)").param(address)
                .query(SendingLimits::own).optional().orElse(PerMailbox.NONE).over(settings.limits().of(address));
    }

    /** A connected mailbox's own limits, each null where the settings' applies. */
    static PerMailbox own(ResultSet rs, int row) throws SQLException {
        return new PerMailbox(rs.getObject("per_day", Integer.class), rs.getObject("per_hour", Integer.class));
    }
}
