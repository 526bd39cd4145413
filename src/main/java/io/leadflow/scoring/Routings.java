package io.leadflow.scoring;

import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.Timeline;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keeps on a lead's history each routing a decision table made (its team, its cadence, its case study): what it chose,
 * the decision's id and version, the rule rows that matched with their annotations, and the model that asked.
 */
@Service
public class Routings {

    private final Timeline timeline;

    Routings(Timeline timeline) {
        this.timeline = timeline;
    }

    @Transactional
    public void record(UUID leadId, RuleDecision decision, Object chosen, String model) {
        Map<String, Object> details = new HashMap<>(decision.asHistory());
        details.putAll(Map.of("decisionId", decision.decisionId(), "result", inWords(chosen), "model", model));
        timeline.record(leadId, Timeline.Type.ROUTED, details);
    }

    /** A value as it is, a context by its values ("AndesNet, https://…"), a list by its rows ("5 rows"). */
    static String inWords(Object chosen) {
        return switch (chosen) {
            case null -> "nothing (no rule matched)";
            case Map<?, ?> context -> context.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
            case Collection<?> rows -> rows.size() + " rows";
            default -> String.valueOf(chosen);
        };
    }
}
