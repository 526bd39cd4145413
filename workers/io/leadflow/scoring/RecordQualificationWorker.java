package io.leadflow.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.process.ModelVersion;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class RecordQualificationWorker {

    private final QualificationService qualifications;

    RecordQualificationWorker(QualificationService qualifications) {
        this.qualifications = qualifications;
    }

    @JobWorker(type = IdentifyProcess.RECORD_QUALIFICATION)
    public void recordQualification(ActivatedJob job, @VariablesAsType IdentifyProcess.Variables process) {
        IdentifyProcess.Qualification decided = process.qualification();
        qualifications.record(UUID.fromString(process.leadId()), new Qualification(decided.stage(), decided.score(), decided.reasons()),
                process.fitDecision(), ModelVersion.of(job));
    }
}
