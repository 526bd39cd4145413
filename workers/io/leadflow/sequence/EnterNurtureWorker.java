package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.process.NurtureProcess;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Records that the lead's nurture started (the instance is its key) and the day it ends on if it has one, so the lead
 * can be re-enrolled by hand and its date changed.
 */
@Component
public class EnterNurtureWorker {

    private final Nurtures nurtures;

    EnterNurtureWorker(Nurtures nurtures) {
        this.nurtures = nurtures;
    }

    @JobWorker(type = NurtureProcess.ENTER_NURTURE)
    public void enterNurture(ActivatedJob job, @VariablesAsType NurtureProcess.Variables process) {
        nurtures.entered(UUID.fromString(process.leadId()), job.getProcessInstanceKey(),
                process.nurtureUntil() == null ? null : LocalDate.parse(process.nurtureUntil()));
    }
}
