package io.leadflow.tasklist;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.Protocol;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.process.UserTaskVariables;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * Takes the engine's job-based user tasks into leadflow's task list. The job stays open (no
 * auto-complete) until the rep completes the task: taken for 20 s, then, once the task is
 * stored, held for a month (the hold is sent without waiting for the engine's answer, so the
 * handler's thread goes on to the next job; a hold that fails lets the job come back after its
 * 20 s, and storing it again changes nothing; a job already gone closes the task at once). A task of the sequence knows its attempt; a task
 * keeps what its form shows.
 */
@Component
public class UserTaskWorker {

    private final RepTaskService tasks;
    private final ProcessEngine engine;

    UserTaskWorker(RepTaskService tasks, ProcessEngine engine) {
        this.tasks = tasks;
        this.engine = engine;
    }

    @JobWorker(type = Protocol.USER_TASK_JOB_TYPE, autoComplete = false, timeout = ProcessEngine.USER_TASK_CLAIM_MILLIS,
            fetchVariables = {"leadId", "attempt", "replyIntent", "caseStudyTitle", "caseStudyUrl", "signerEmail"})
    public void userTaskCreated(ActivatedJob job) {
        Map<String, String> headers = job.getCustomHeaders();
        UserTaskVariables process = job.getVariablesAsType(UserTaskVariables.class);
        tasks.receive(new RepTaskService.IncomingTask(job.getKey(), job.getBpmnProcessId(), job.getElementId(),
                UUID.fromString(process.leadId()),
                headers.get(Protocol.USER_TASK_ASSIGNEE_HEADER_NAME),
                headers.get(Protocol.USER_TASK_CANDIDATE_GROUPS_HEADER_NAME),
                headers.get(Protocol.USER_TASK_DUE_DATE_HEADER_NAME),
                process.attempt() == null ? null : process.attempt().step(), process.shown()));
        engine.holdJob(job.getKey(), () -> tasks.withdrawnAsItOpened(job.getKey()));
    }
}
