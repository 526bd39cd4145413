package io.leadflow.process;

import io.camunda.client.api.response.ActivatedJob;

/** Names the deployed model a job comes from, e.g. "lead-explore v3": what a stage move records as its decider. */
public final class ModelVersion {

    private ModelVersion() {
    }

    public static String of(ActivatedJob job) {
        return job.getBpmnProcessId() + " v" + job.getProcessDefinitionVersion();
    }
}
