package io.leadflow.scoring;

import io.leadflow.intake.LeadRepository;
import io.leadflow.intake.Timeline;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Records what the lead-fit DMN decided. The decision itself lives in processes/lead-fit.dmn. */
@Service
public class QualificationService {

    private final LeadRepository leads;
    private final Timeline timeline;
    private final Clock clock;

    QualificationService(LeadRepository leads, Timeline timeline, Clock clock) {
        this.leads = leads;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Transactional
    public void record(UUID leadId, Qualification qualification) {
        leads.updateQualification(leadId, qualification.stage(), qualification.score(), qualification.reasons(), clock.instant());
        timeline.record(leadId, "QUALIFIED", Map.of("stage", qualification.stage().name(), "score", qualification.score(),
                "reasons", qualification.reasons()));
    }
}
