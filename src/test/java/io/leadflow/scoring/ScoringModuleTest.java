package io.leadflow.scoring;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.engine.Decisions;
import io.leadflow.lead.Leads;
import io.leadflow.platform.Json;
import io.leadflow.scoring.internal.RejectionRepository;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.Timeline;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.mockito.Mockito.verify;

/** The scoring module boots on its own, records the lead-fit decision with the lead module and on the timeline. */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
class ScoringModuleTest {

    @MockitoBean
    Timeline timeline;
    @MockitoBean
    Decisions decisions;
    @MockitoBean
    Leads leads;
    @MockitoBean
    RejectionRepository rejections;
    @MockitoBean
    Json json;
    @MockitoBean
    Clock clock;

    private final QualificationService qualifications;

    ScoringModuleTest(QualificationService qualifications) {
        this.qualifications = qualifications;
    }

    @Test
    void aQualificationReachesTheLeadModuleAndTheTimeline() {
        UUID lead = UUID.randomUUID();
        List<String> reasons = List.of("decision maker", "telecom");
        RuleDecision decision = new RuleDecision("lead-fit", 2, List.of(new RuleDecision.Rule("lead-fit", "Rule_LeadFit_Mql", "MQL")));

        qualifications.record(lead, new Qualification(LeadStage.MQL, 80, reasons), decision, "lead-identify v1");

        verify(leads).recordFit(lead, LeadStage.MQL, 80, reasons, "lead-identify v1", decision);
        verify(timeline).record(lead, Timeline.Type.QUALIFIED, Map.of("stage", "MQL", "score", 80, "reasons", reasons,
                "decision", "lead-fit v2, rule Rule_LeadFit_Mql (MQL)", "decisionVersion", 2, "rules", List.of("Rule_LeadFit_Mql")));
    }
}
