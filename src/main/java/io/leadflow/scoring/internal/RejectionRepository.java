package io.leadflow.scoring.internal;

import io.leadflow.lead.LeadSelection;
import io.leadflow.scoring.Rejections;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code lead_rejection} table. */
@Repository
public class RejectionRepository {

    private final JdbcClient jdbc;

    RejectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this hand-off's rejection is stored already. */
    public boolean insertOnce(long handOffKey, UUID leadId, String reason, String otherReason, String rep, String source,
                              String leadType, Rejections.FitRule fit, Instant at) {
        return jdbc.sql("""
                        insert into lead_rejection (hand_off_key, lead_id, reason, other_reason, rep, source, lead_type,
                            fit_decision, fit_version, fit_rule, fit_rule_annotation, at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(handOffKey, leadId, reason, otherReason, rep, source, leadType, fit.decisionId(), fit.version(),
                        fit.ruleId(), fit.annotation(), Timestamp.from(at))
                .update() == 1;
    }

    /** The selected leads' rejections in [from, to), most first in each dimension; {@code reasonLabels} names the reasons by code. */
    public Rejections.Summary summary(Instant from, Instant to, LeadSelection leads, Map<String, String> reasonLabels) {
        String where = "where at >= :from and at < :to and " + leads.condition("lead_id");
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(from));
        params.put("to", Timestamp.from(to));
        params.put(LeadSelection.PARAMETER, leads.parameter());
        long total = jdbc.sql("select count(*) from lead_rejection " + where).params(params).query(Long.class).single();
        return new Rejections.Summary(total,
                counts("reason", where, params).stream()
                        .map(count -> new Rejections.Count(count.key(), reasonLabels.getOrDefault(count.key(), count.key()), count.rejections()))
                        .toList(),
                counts("source", where, params), counts("lead_type", where, params),
                jdbc.sql("select fit_decision, fit_version, fit_rule, fit_rule_annotation, count(*) as n from lead_rejection " + where
                                + " group by fit_decision, fit_version, fit_rule, fit_rule_annotation"
                                + " order by n desc, fit_decision, fit_version, fit_rule")
                        .params(params)
                        .query((rs, row) -> new Rejections.FitRuleCount(rs.getString("fit_decision"),
                                (Integer) rs.getObject("fit_version"), rs.getString("fit_rule"), rs.getString("fit_rule_annotation"),
                                rs.getLong("n")))
                        .list());
    }

    // The column is one of this class's own names, never input.
    private List<Rejections.Count> counts(String column, String where, Map<String, Object> params) {
        return jdbc.sql("select " + column + " as key, count(*) as n from lead_rejection " + where
                        + " group by " + column + " order by n desc, " + column)
                .params(params)
                .query((rs, row) -> new Rejections.Count(rs.getString("key"), rs.getString("key"), rs.getLong("n")))
                .list();
    }
}
