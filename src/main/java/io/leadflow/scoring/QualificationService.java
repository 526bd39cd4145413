package io.leadflow.scoring;

import io.leadflow.lead.Leads;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.Timeline;
import io.leadflow.process.IdentifyProcess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    public void record(UUID leadId, IdentifyProcess.Qualification qualification, RuleDecision decision, String model) {
        leads.recordFit(leadId, qualification.stage(), qualification.score(), qualification.reasons(), model, decision);
        timeline.record(leadId, Timeline.Type.QUALIFIED, Map.of("stage", qualification.stage().name(), "score", qualification.score(),
                "reasons", qualification.reasons(), "decision", decision.inWords(), "decisionVersion", decision.version(),
                "rules", decision.rules().stream().map(RuleDecision.Rule::ruleId).toList()));
    }
}
