package io.leadflow.sequence.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * How each round of a lead's sequence ended, for the reports: the outcome and the step and template it answered, and
 * the last email's step and A/B variant.
 */
@Repository
public class SequenceOutcomeRepository {

    /** The outcome of a sequence that ran out: every attempt made, and no answer. */
    public static final String NO_ANSWER = "NO_ANSWER";

    /** The attempt and the email template an ending is credited to: null when none was made or sent. */
    public record Credit(Integer step, String template) {
    }

    private final JdbcClient jdbc;

    SequenceOutcomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the end of the lead's latest round once (a redelivered job records nothing more), credited to the last
     * attempt made in it and the last template sent; nothing when the lead has no sequence. {@code lastTouchedStep} is
     * the last step the model saw made (0: none): the call that ended the sequence may not be stored as made yet.
     *
     * @return the credit, when this call recorded the end
     */
    public Optional<Credit> record(UUID leadId, String outcome, int lastTouchedStep, Instant at) {
        return jdbc.sql("""
                        insert into sequence_outcome (lead_id, round, outcome, step, template, email_step, variant, at)
                        select r.lead_id, r.round, ?, greatest(made.step, nullif(?, 0)), sent.template, sent.step, sent.variant, ?
                          from (select lead_id, max(round) as round from sequence_attempt where lead_id = ? group by lead_id) r
                          left join lateral (select step from sequence_attempt a where a.lead_id = r.lead_id and a.round = r.round
                                             and a.made_at is not null order by a.made_at desc, a.step desc limit 1) made on true
                          left join lateral (select template, step, variant from sequence_attempt a where a.lead_id = r.lead_id and a.round = r.round
                                             and a.template is not null order by a.step desc limit 1) sent on true
                        on conflict (lead_id, round) do nothing
                        returning step, template
                        """)
                .params(outcome, lastTouchedStep, Timestamp.from(at), leadId)
                .query((row, n) -> new Credit(row.getObject("step", Integer.class), row.getString("template")))
                .optional();
    }
}
