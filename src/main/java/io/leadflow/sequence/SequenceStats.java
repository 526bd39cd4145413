package io.leadflow.sequence;

import io.leadflow.lead.AttemptedLeads;
import io.leadflow.lead.LeadSelection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The sequences' figures for the managers' reports, over a period [from, to): what each step and each email template
 * got made and what the leads answered, and how the first attempts kept the SLA.
 */
@Component
public class SequenceStats implements AttemptedLeads {

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

    /** The leads behind a step's or a template's "sent": those whose attempt there was made, at any time. */
    @Override
    @Transactional(readOnly = true)
    public LeadSelection attempted(Integer step, String template) {
        StringBuilder where = new StringBuilder("where made_at is not null");
        Map<String, Object> params = new HashMap<>();
        if (step != null) {
            where.append(" and step = :step");
            params.put("step", step);
        }
        if (template != null) {
            where.append(" and template = :template");
            params.put("template", template);
        }
        return new LeadSelection(Set.copyOf(jdbc.sql("select distinct lead_id from sequence_attempt " + where)
                .params(params).query(UUID.class).list()));
    }

    /** Per step and channel: attempts made in the period, and the sequences that ended in it after that step. */
    @Transactional(readOnly = true)
    public List<StepOutcomes> steps(Instant from, Instant to, LeadSelection leads) {
        return jdbc.sql("""
                        with made as (select step, channel, count(*) as sent from sequence_attempt
                                       where made_at >= :from and made_at < :to and\s""" + leads.condition("lead_id") + """
                                       group by step, channel),
                             ended as (select a.step, a.channel, o.outcome, count(*) as n from sequence_outcome o
                                         join sequence_attempt a on a.lead_id = o.lead_id and a.round = o.round and a.step = o.step
                                        where o.at >= :from and o.at < :to and\s""" + leads.condition("o.lead_id") + """
                                        group by a.step, a.channel, o.outcome)
                        select coalesce(m.step, e.step) as key, coalesce(m.channel, e.channel) as channel,
                               coalesce(max(m.sent), 0) as sent,""" + OUTCOME_COUNTS + """
                          from made m full join ended e on e.step = m.step and e.channel = m.channel
                         group by 1, 2 order by 1, 2
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param(LeadSelection.PARAMETER, leads.parameter())
                .query((rs, row) -> new StepOutcomes(rs.getInt("key"), Channel.valueOf(rs.getString("channel")), outcomes(rs)))
                .list();
    }

    /** Per email template: emails sent for attempts made in the period, and the sequences that ended in it after one. */
    @Transactional(readOnly = true)
    public List<TemplateOutcomes> templates(Instant from, Instant to, LeadSelection leads) {
        return jdbc.sql("""
                        with made as (select template, count(*) as sent from sequence_attempt
                                       where made_at >= :from and made_at < :to and template is not null and\s""" + leads.condition("lead_id") + """
                                       group by template),
                             ended as (select template, outcome, count(*) as n from sequence_outcome
                                        where at >= :from and at < :to and template is not null and\s""" + leads.condition("lead_id") + """
                                      group by template, outcome)
                        select coalesce(m.template, e.template) as key, coalesce(max(m.sent), 0) as sent,""" + OUTCOME_COUNTS + """
                          from made m full join ended e on e.template = m.template
                         group by 1 order by 1
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param(LeadSelection.PARAMETER, leads.parameter())
                .query((rs, row) -> new TemplateOutcomes(rs.getString("key"), outcomes(rs)))
                .list();
    }

    /** Emails sent with opens and clicks tracked, and how many of them a person opened and clicked (at least once). */
    public record Engagement(long tracked, long opened, long clicked) {
        public static final Engagement NONE = new Engagement(0, 0, 0);
    }

    /** An A/B variant of a step's email. */
    public record StepVariant(int step, String variant) {
    }

    /** The engagement of the tracked emails sent in the period, per step, per template and per step's variant. */
    public record Engagements(Map<Integer, Engagement> steps, Map<String, Engagement> templates,
                              Map<StepVariant, Engagement> variants) {
    }

    /** Opens and clicks of the emails sent in the period with tracking on; those of proxies and scanners not counted. */
    @Transactional(readOnly = true)
    public Engagements engagement(Instant from, Instant to, LeadSelection leads) {
        Map<Integer, Engagement> steps = new TreeMap<>();
        Map<String, Engagement> templates = new TreeMap<>();
        Map<StepVariant, Engagement> variants = new LinkedHashMap<>();
        jdbc.sql("""
                        select step, template, variant, grouping(step, template, variant) as grouped,
                               count(*) as tracked, count(first_opened_at) as opened, count(first_clicked_at) as clicked
                          from tracked_email where created_at >= :from and created_at < :to and\s""" + leads.condition("lead_id") + """
                         group by grouping sets ((step), (template), (step, variant)) order by step, variant
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param(LeadSelection.PARAMETER, leads.parameter())
                .query(rs -> {
                    Engagement engagement = new Engagement(rs.getLong("tracked"), rs.getLong("opened"), rs.getLong("clicked"));
                    switch (rs.getInt("grouped")) {
                        case 0b011 -> steps.put(rs.getInt("step"), engagement);
                        case 0b101 -> templates.put(rs.getString("template"), engagement);
                        default -> {
                            if (rs.getString("variant") != null) {
                                variants.put(new StepVariant(rs.getInt("step"), rs.getString("variant")), engagement);
                            }
                        }
                    }
                });
        return new Engagements(steps, templates, variants);
    }

    public record VariantOutcomes(StepVariant variant, Outcomes outcomes) {
    }

    /**
     * Per A/B variant of a step: its attempts made in the period, and the sequences that ended in it with that variant
     * the last email sent.
     */
    @Transactional(readOnly = true)
    public List<VariantOutcomes> variants(Instant from, Instant to, LeadSelection leads) {
        return jdbc.sql("""
                        with made as (select step, variant, count(*) as sent from sequence_attempt
                                       where made_at >= :from and made_at < :to and variant is not null and\s""" + leads.condition("lead_id") + """
                                       group by step, variant),
                             ended as (select email_step as step, variant, outcome, count(*) as n from sequence_outcome
                                        where at >= :from and at < :to and variant is not null and\s""" + leads.condition("lead_id") + """
                                      group by email_step, variant, outcome)
                        select coalesce(m.step, e.step) as key, coalesce(m.variant, e.variant) as variant,
                               coalesce(max(m.sent), 0) as sent,""" + OUTCOME_COUNTS + """
                          from made m full join ended e on e.step = m.step and e.variant = m.variant
                         group by 1, 2 order by 1, 2
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param(LeadSelection.PARAMETER, leads.parameter())
                .query((rs, row) -> new VariantOutcomes(new StepVariant(rs.getInt("key"), rs.getString("variant")), outcomes(rs)))
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
    public FirstAttemptsByWeek firstAttempts(Instant from, Instant to, LeadSelection leads) {
        List<FirstAttempts> rows = jdbc.sql("""
                        select week, count(*) filter (where kept) as met, count(*) filter (where not kept) as breached,
                               percentile_cont(0.5) within group (order by working_hours_to_made) as median
                          from (select to_char(due at time zone 'UTC', 'IYYY-"W"IW') as week, working_hours_to_made,
                                       made_at is not null and made_at <= due as kept,
                                       made_at is not null or due <= :now and (status = 'PLANNED' or updated_at > due) as settled
                                  from sequence_attempt
                                 where step = 1 and due >= :from and due < :to and\s""" + leads.condition("lead_id") + """
                                ) first
                         where settled
                         group by grouping sets ((week), ())
                         order by week nulls last
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param(LeadSelection.PARAMETER, leads.parameter()).param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new FirstAttempts(rs.getString("week"), rs.getLong("met"), rs.getLong("breached"),
                        rs.getObject("median") == null ? null : rs.getDouble("median")))
                .list();
        FirstAttempts total = rows.stream().filter(row -> row.week() == null).findFirst()
                .orElse(new FirstAttempts(null, 0, 0, null));
        return new FirstAttemptsByWeek(rows.stream().filter(row -> row.week() != null).toList(), total);
    }
}
