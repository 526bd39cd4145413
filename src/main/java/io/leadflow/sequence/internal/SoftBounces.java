package io.leadflow.sequence.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.UUID;

/** The temporary bounces of each lead's sequence emails, one per email. */
@Component
public class SoftBounces {

    private final JdbcClient jdbc;
    private final Clock clock;

    SoftBounces(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that the lead's email {@code sentMessageId} bounced softly. Answers how many of the lead's emails have
     * now, or nothing when this email had bounced softly before (another report of the same delivery).
     */
    public OptionalInt record(UUID leadId, String sentMessageId, String status) {
        int added = jdbc.sql("insert into sequence_soft_bounce (lead_id, sent_message_id, status, bounced_at) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(leadId, sentMessageId, status, Timestamp.from(clock.instant())).update();
        if (added == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(jdbc.sql("select count(*) from sequence_soft_bounce where lead_id = ?").param(leadId)
                .query(Integer.class).single());
    }
}
