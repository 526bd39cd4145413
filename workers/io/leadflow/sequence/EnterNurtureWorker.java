package io.leadflow.sequence;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.process.NurtureProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Records that the lead's nurture started (the instance is its key), so the lead can be re-enrolled by hand. */
@Component
public class EnterNurtureWorker {

    private final Nurtures nurtures;

    EnterNurtureWorker(Nurtures nurtures) {
        this.nurtures = nurtures;
    }

    @JobWorker(type = NurtureProcess.ENTER_NURTURE)
    public void enterNurture(ActivatedJob job, @VariablesAsType NurtureProcess.Variables process) {
        nurtures.entered(UUID.fromString(process.leadId()), job.getProcessInstanceKey());
    }
}
