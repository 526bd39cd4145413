package io.leadflow.scoring;

import io.leadflow.lead.LeadStage;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What sales ops tune about the fit's feedback ({@code leadflow.scoring.*}).
 *
 * @param rejectionReasons the reasons a rep may give to hand a marketing qualified lead back at first contact, by code
 *                         in the order the form lists them: each with its label and the stage the lead goes to
 *                         ({@code DISQUALIFIED}, or {@code LEAD} to be nurtured again). The code {@code other} asks the
 *                         rep for the reason in words. Unset: wrong profile, student, competitor, duplicate and bad data
 *                         disqualify; not reachable and other go back to nurture
 */
@ConfigurationProperties(prefix = "leadflow.scoring")
public record ScoringProperties(Map<String, RejectionReason> rejectionReasons) {

    /** The reason whose words the rep types. */
    public static final String OTHER = "other";

    private static final Set<LeadStage> OUT_OF_SALES = Set.of(LeadStage.LEAD, LeadStage.DISQUALIFIED);

    /** A reason's label on the form and in the reports, and the stage a lead rejected for it goes to. */
    public record RejectionReason(String label, LeadStage stage) {
    }

    public ScoringProperties {
        if (rejectionReasons == null || rejectionReasons.isEmpty()) {
            rejectionReasons = defaults();
        }
        if (!rejectionReasons.containsKey(OTHER)) {
            throw new IllegalArgumentException("leadflow.scoring.rejection-reasons must keep \"" + OTHER + "\"");
        }
        rejectionReasons.forEach((code, reason) -> {
            if (reason == null || reason.label() == null || reason.label().isBlank() || !OUT_OF_SALES.contains(reason.stage())) {
                throw new IllegalArgumentException("leadflow.scoring.rejection-reasons." + code
                        + " needs a label and a stage, LEAD or DISQUALIFIED");
            }
        });
        rejectionReasons = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionReasons));
    }

    private static Map<String, RejectionReason> defaults() {
        Map<String, RejectionReason> reasons = new LinkedHashMap<>();
        reasons.put("wrong-profile", new RejectionReason("Wrong profile", LeadStage.DISQUALIFIED));
        reasons.put("student", new RejectionReason("Student", LeadStage.DISQUALIFIED));
        reasons.put("competitor", new RejectionReason("Competitor", LeadStage.DISQUALIFIED));
        reasons.put("duplicate", new RejectionReason("Duplicate", LeadStage.DISQUALIFIED));
        reasons.put("bad-data", new RejectionReason("Bad data", LeadStage.DISQUALIFIED));
        reasons.put("not-reachable", new RejectionReason("Not reachable", LeadStage.LEAD));
        reasons.put(OTHER, new RejectionReason("Other", LeadStage.LEAD));
        return reasons;
    }
}
