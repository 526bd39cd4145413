package io.leadflow.reports.internal;

import io.leadflow.scoring.Rejections;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /api/reports/rejections: the marketing qualified leads reps handed back at first contact in the period, by reason,
 * source, lead type and the fit rule that made them MQLs (null: none did, e.g. a nurture date), most first; a group
 * with no value (no source given) has a null key. As CSV, a row per group: dimension, key, label, rejections.
 */
record RejectionsReport(LocalDate from, LocalDate to, long total, List<Rejections.Count> byReason, List<Rejections.Count> bySource,
                        List<Rejections.Count> byLeadType, List<FitRule> byFitRule) implements CsvTable {

    /** {@code decidedBy}: the rule in words, e.g. "lead-fit v2, rule Rule_LeadFit_Mql (A decision maker with …)". */
    record FitRule(String decisionId, Integer version, String ruleId, String annotation, String decidedBy, long rejections) {
    }

    static RejectionsReport of(LocalDate from, LocalDate to, Rejections.Summary summary) {
        return new RejectionsReport(from, to, summary.total(), summary.byReason(), summary.bySource(), summary.byLeadType(),
                summary.byFitRule().stream().map(rule -> new FitRule(rule.decisionId(), rule.version(), rule.ruleId(), rule.annotation(),
                        rule.ruleId() == null ? "no fit rule" : rule.inWords(), rule.rejections())).toList());
    }

    @Override
    public List<String> csvHeader() {
        return List.of("dimension", "key", "label", "rejections");
    }

    @Override
    public List<List<?>> csvRows() {
        List<List<?>> rows = new ArrayList<>();
        byReason.forEach(count -> rows.add(Arrays.asList("reason", count.key(), count.label(), count.rejections())));
        bySource.forEach(count -> rows.add(Arrays.asList("source", count.key(), count.label(), count.rejections())));
        byLeadType.forEach(count -> rows.add(Arrays.asList("leadType", count.key(), count.label(), count.rejections())));
        byFitRule.forEach(rule -> rows.add(Arrays.asList("fitRule", rule.ruleId(), rule.decidedBy(), rule.rejections())));
        rows.add(Arrays.asList("total", null, null, total));
        return rows;
    }
}
