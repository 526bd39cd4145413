package io.leadflow.scoring;

import io.leadflow.lead.Leads;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.Timeline;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Records what the lead-fit DMN decided. The decision itself lives in processes/lead-fit.dmn. */
@Service
public class QualificationService {

    private final Leads leads;
    private final Timeline timeline;

    QualificationService(Leads leads, Timeline timeline) {
        this.leads = leads;
        this.timeline = timeline;
    }

    @Transactional
    public void record(UUID leadId, Qualification qualification, RuleDecision decision, String model) {
        leads.recordFit(leadId, qualification.stage(), qualification.score(), qualification.reasons(), model, decision);
        Map<String, Object> details = new HashMap<>(decision.asHistory());
        details.putAll(Map.of("stage", qualification.stage().name(), "score", qualification.score(), "reasons", qualification.reasons()));
        timeline.record(leadId, Timeline.Type.QUALIFIED, details);
    }
}
