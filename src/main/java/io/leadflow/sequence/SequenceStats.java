package io.leadflow.sequence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The sequences' figures for the managers' reports, over a period [from, to): what each step and each email template
 * got made and what the leads answered, and how the first attempts kept the SLA.
 */
@Component
public class SequenceStats {

    /** Attempts made (emails sent, calls and touches done) and the sequences they ended, credited to the last attempt made. */
    public record Outcomes(long sent, long replied, long meetings, long unsubscribed, long bounced) {
    }

    public record StepOutcomes(int step, Channel channel, Outcomes outcomes) {
    }

    public record TemplateOutcomes(String template, Outcomes outcomes) {
    }

    /**
     * First attempts due in a period ({@code week} an ISO week such as "2026-W47", or null for the whole period): met
     * when made by their due, breached when made later or not made by it; median of the working hours from the
     * attempt's planned moment until it was made (null when none was made).
     */
    public record FirstAttempts(String week, long met, long breached, Double medianWorkingHours) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SequenceStats(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Per step and channel: attempts made in the period, and the sequences that ended in it after that step. */
    @Transactional(readOnly = true)
    public List<StepOutcomes> steps(Instant from, Instant to) {
        return jdbc.sql("""
                        with made as (select step, channel, count(*) as sent from sequence_attempt
                                       where made_at >= :from and made_at < :to group by step, channel),
                             ended as (select a.step, a.channel, o.outcome, count(*) as n from sequence_outcome o
                                         join sequence_attempt a on a.lead_id = o.lead_id and a.round = o.round and a.step = o.step
                                        where o.at >= :from and o.at < :to group by a.step, a.channel, o.outcome)
                        select coalesce(m.step, e.step) as key, coalesce(m.channel, e.channel) as channel,
                               coalesce(max(m.sent), 0) as sent,""" + OUTCOME_COUNTS + """
                          from made m full join ended e on e.step = m.step and e.channel = m.channel
                         group by 1, 2 order by 1, 2
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> new StepOutcomes(rs.getInt("key"), Channel.valueOf(rs.getString("channel")), outcomes(rs)))
                .list();
    }

    /** Per email template: emails sent for attempts made in the period, and the sequences that ended in it after one. */
    @Transactional(readOnly = true)
    public List<TemplateOutcomes> templates(Instant from, Instant to) {
        return jdbc.sql("""
                        with made as (select template, count(*) as sent from sequence_attempt
                                       where made_at >= :from and made_at < :to and template is not null group by template),
                             ended as (select template, outcome, count(*) as n from sequence_outcome
                                        where at >= :from and at < :to and template is not null group by template, outcome)
                        select coalesce(m.template, e.template) as key, coalesce(max(m.sent), 0) as sent,""" + OUTCOME_COUNTS + """
                          from made m full join ended e on e.template = m.template
                         group by 1 order by 1
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> new TemplateOutcomes(rs.getString("key"), outcomes(rs)))
                .list();
    }

    private static final String OUTCOME_COUNTS = """
             coalesce(sum(e.n) filter (where e.outcome = 'REPLIED'), 0) as replied,
             coalesce(sum(e.n) filter (where e.outcome = 'MEETING_BOOKED'), 0) as meetings,
             coalesce(sum(e.n) filter (where e.outcome = 'UNSUBSCRIBED'), 0) as unsubscribed,
             coalesce(sum(e.n) filter (where e.outcome = 'BOUNCED'), 0) as bounced
            """;

    private static Outcomes outcomes(ResultSet rs) throws SQLException {
        return new Outcomes(rs.getLong("sent"), rs.getLong("replied"), rs.getLong("meetings"), rs.getLong("unsubscribed"),
                rs.getLong("bounced"));
    }

    /** The first attempts of a period: per ISO week of their due, in week order, and over the whole period. */
    public record FirstAttemptsByWeek(List<FirstAttempts> weeks, FirstAttempts total) {
    }

    /**
     * The first attempts (step 1 of every round) due in the period, weeks in UTC. One not yet made whose due is still
     * ahead counts nowhere yet.
     */
    @Transactional(readOnly = true)
    public FirstAttemptsByWeek firstAttempts(Instant from, Instant to) {
        List<FirstAttempts> rows = jdbc.sql("""
                        select week, count(*) filter (where kept) as met, count(*) filter (where not kept) as breached,
                               percentile_cont(0.5) within group (order by working_hours_to_made) as median
                          from (select to_char(due at time zone 'UTC', 'IYYY-"W"IW') as week, working_hours_to_made,
                                       made_at is not null and made_at <= due as kept,
                                       made_at is not null or due <= :now and (status = 'PLANNED' or updated_at > due) as settled
                                  from sequence_attempt
                                 where step = 1 and due >= :from and due < :to) first
                         where settled
                         group by grouping sets ((week), ())
                         order by week nulls last
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new FirstAttempts(rs.getString("week"), rs.getLong("met"), rs.getLong("breached"),
                        rs.getObject("median") == null ? null : rs.getDouble("median")))
                .list();
        FirstAttempts total = rows.stream().filter(row -> row.week() == null).findFirst()
                .orElse(new FirstAttempts(null, 0, 0, null));
        return new FirstAttemptsByWeek(rows.stream().filter(row -> row.week() != null).toList(), total);
    }
}
