package io.leadflow.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class RecordQualificationWorker {

    private final QualificationService qualifications;

    RecordQualificationWorker(QualificationService qualifications) {
        this.qualifications = qualifications;
    }

    @JobWorker(type = "record-qualification")
    public void recordQualification(@Variable String leadId, @Variable Qualification qualification) {
        qualifications.record(UUID.fromString(leadId), qualification);
    }
}
