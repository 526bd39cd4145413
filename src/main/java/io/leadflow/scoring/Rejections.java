package io.leadflow.scoring;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.StageMove;
import io.leadflow.lead.Timeline;
import io.leadflow.scoring.internal.RejectionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Marketing qualified leads a rep handed back at first contact, and why: sales' answer to marketing, counted by reason,
 * source, lead type and the fit rule that made each lead an MQL, so marketing sees which rule lets bad leads through.
 */
@Service
public class Rejections {

    /** A reason a rep may give, as the form lists it. */
    public record Reason(String code, String label) {
    }

    /** Rejections made in a period: how many, and by each thing marketing tunes. */
    public record Summary(long total, List<Count> byReason, List<Count> bySource, List<Count> byLeadType, List<FitRuleCount> byFitRule) {
    }

    /** Rejections with one value ({@code key}, null for none given) of a dimension; {@code label} is how it is shown. */
    public record Count(String key, String label, long rejections) {
    }

    /** Rejections of leads a fit rule made MQLs ({@code ruleId} null: no decision table did, e.g. a nurture date). */
    public record FitRuleCount(String decisionId, Integer version, String ruleId, String annotation, long rejections) {

        /** The rule as a stage move tells it ({@link RuleDecision#inWords()}); null when no rule made the lead an MQL. */
        public String inWords() {
            return Rejections.inWords(decisionId, version, ruleId, annotation);
        }
    }

    /** The fit rule that made the lead an MQL, as the rejection keeps it. */
    public record FitRule(String decisionId, Integer version, String ruleId, String annotation) {

        static final FitRule NONE = new FitRule(null, null, null, null);

        String inWords() {
            return Rejections.inWords(decisionId, version, ruleId, annotation);
        }
    }

    private static String inWords(String decisionId, Integer version, String ruleId, String annotation) {
        return ruleId == null ? null
                : new RuleDecision(decisionId, version, List.of(new RuleDecision.Rule(decisionId, ruleId, annotation))).inWords();
    }

    private final RejectionRepository rejections;
    private final Leads leads;
    private final Timeline timeline;
    private final ScoringProperties settings;
    private final Clock clock;

    Rejections(RejectionRepository rejections, Leads leads, Timeline timeline, ScoringProperties settings, Clock clock) {
        this.rejections = rejections;
        this.leads = leads;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    public List<Reason> reasons() {
        return settings.rejectionReasons().entrySet().stream().map(reason -> new Reason(reason.getKey(), reason.getValue().label()))
                .toList();
    }

    public boolean isReason(String code) {
        return code != null && settings.rejectionReasons().containsKey(code);
    }

    /**
     * Records the rejection of hand-off {@code handOffKey} once (a redelivered job records nothing new), moves the lead to
     * the reason's stage and says so on its timeline.
     */
    @Transactional
    public void reject(UUID leadId, long handOffKey, String reasonCode, String other, String rep, String model) {
        ScoringProperties.RejectionReason reason = settings.rejectionReasons().get(reasonCode);
        if (reason == null) {
            throw new IllegalArgumentException("Not a rejection reason: " + reasonCode);
        }
        Lead lead = leads.get(leadId);
        FitRule fit = fitRuleOf(leads.stagesOf(leadId));
        String otherReason = ScoringProperties.OTHER.equals(reasonCode) && other != null && !other.isBlank() ? other.strip() : null;
        Instant now = clock.instant();
        if (!rejections.insertOnce(handOffKey, leadId, reasonCode, otherReason, rep, lead.facts().source(), lead.type().name(), fit, now)) {
            return;
        }
        String why = reason.label() + (otherReason == null ? "" : ": " + otherReason);
        leads.moveTo(leadId, new StageMove(reason.stage(), now, "rejected at hand-off" + (rep == null ? "" : " by " + rep) + ": " + why,
                model));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reasonCode);
        details.put("label", why);
        if (rep != null) {
            details.put("by", rep);
        }
        details.put("stage", reason.stage().name());
        if (fit.ruleId() != null) {
            details.put("fitRule", fit.inWords());
        }
        timeline.record(leadId, Timeline.Type.REJECTED, details);
    }

    /** The selected leads' rejections made in [from, to). */
    public Summary summary(Instant from, Instant to, LeadSelection leads) {
        Map<String, String> labels = new LinkedHashMap<>();
        settings.rejectionReasons().forEach((code, reason) -> labels.put(code, reason.label()));
        return rejections.summary(from, to, leads, labels);
    }

    /** The rule of the decision table that made the lead an MQL the last time it became one. */
    private static FitRule fitRuleOf(List<StageMove> history) {
        for (StageMove move : history.reversed()) {
            if (move.stage() == LeadStage.MQL) {
                RuleDecision decision = move.decision();
                if (decision == null || decision.decidingRules().isEmpty()) {
                    return FitRule.NONE;
                }
                RuleDecision.Rule rule = decision.decidingRules().getFirst();
                return new FitRule(decision.decisionId(), decision.version(), rule.ruleId(), rule.annotation());
            }
        }
        return FitRule.NONE;
    }
}
