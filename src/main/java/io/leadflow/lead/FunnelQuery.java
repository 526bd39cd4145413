package io.leadflow.lead;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The funnel over a period [from, to), from the stage history: how far the leads that moved in it got. */
@Component
public class FunnelQuery {

    /** The funnel's stages, in order: a lead that reached one reached those before it. */
    public static final List<LeadStage> STAGES = List.of(LeadStage.LEAD, LeadStage.MQL, LeadStage.SQL, LeadStage.OPPORTUNITY,
            LeadStage.CUSTOMER);

    /** What the leads are grouped by: all together, or their owner, source or type (null: none). */
    public enum Grouping {
        ALL("'all'"), OWNER("l.owner"), SOURCE("l.source"), TYPE("l.type");

        private final String column;

        Grouping(String column) {
            this.column = column;
        }
    }

    /**
     * One group's leads that moved in the period: {@code reached[i]} entered {@link #STAGES}{@code [i]} or a later one;
     * lost and disqualified ones; nurture: back to LEAD after an earlier stage (recycled).
     */
    public record Counts(String group, long[] reached, long lost, long disqualified, long nurture) {

        /** This group's leads with another's (e.g. the reps of one team). */
        public Counts plus(Counts other, String group) {
            long[] sum = IntStream.range(0, reached.length).mapToLong(i -> reached[i] + other.reached[i]).toArray();
            return new Counts(group, sum, lost + other.lost, disqualified + other.disqualified, nurture + other.nurture);
        }
    }

    private static final String RANK = IntStream.range(0, STAGES.size())
            .mapToObj(i -> "when '" + STAGES.get(i).name() + "' then " + i).collect(Collectors.joining(" ", "case s.stage ", " end"));

    private final JdbcClient jdbc;

    FunnelQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per group (in group order), the selected leads with a stage move in the period. */
    @Transactional(readOnly = true)
    public List<Counts> counts(Instant from, Instant to, Grouping grouping, LeadSelection leads) {
        String reached = IntStream.range(0, STAGES.size())
                .mapToObj(i -> "count(*) filter (where top >= " + i + ") as reached" + i).collect(Collectors.joining(", "));
        return jdbc.sql("select grp, " + reached + """
                        , count(*) filter (where lost) as lost, count(*) filter (where disqualified) as disqualified,
                          count(*) filter (where nurture) as nurture
                          from (select""" + " " + grouping.column + " as grp, max(" + RANK + ") as top," + """
                                       bool_or(s.stage = 'LOST') as lost, bool_or(s.stage = 'DISQUALIFIED') as disqualified,
                                       bool_or(s.stage = 'LEAD' and exists (select 1 from lead_stage earlier
                                               where earlier.lead_id = s.lead_id and earlier.id < s.id)) as nurture
                                  from lead_stage s join lead l on l.id = s.lead_id
                                 where s.at >= :from and s.at < :to and\s""" + leads.condition("s.lead_id") + """
                                 group by l.id) per_lead
                         group by grp order by grp nulls last
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param(LeadSelection.PARAMETER, leads.parameter())
                .query((rs, row) -> {
                    long[] counts = new long[STAGES.size()];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = rs.getLong("reached" + i);
                    }
                    return new Counts(rs.getString("grp"), counts, rs.getLong("lost"), rs.getLong("disqualified"), rs.getLong("nurture"));
                })
                .list();
    }

    /** All leads together: how many reached each funnel stage in the period, every stage present. */
    public Map<LeadStage, Long> reached(Instant from, Instant to) {
        long[] reached = counts(from, to, Grouping.ALL, LeadSelection.EVERY).stream().findFirst().map(Counts::reached).orElseGet(() -> new long[STAGES.size()]);
        Map<LeadStage, Long> byStage = new EnumMap<>(LeadStage.class);
        for (int i = 0; i < STAGES.size(); i++) {
            byStage.put(STAGES.get(i), reached[i]);
        }
        return byStage;
    }
}
