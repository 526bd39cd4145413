package io.leadflow.engine;

import java.util.Map;

/**
 * Everything leadflow asks of the process engine. The embedded default and a remote Camunda 8
 * cluster both sit behind it, so switching is configuration, not a rewrite.
 */
public interface ProcessEngine {

    /** Starts the latest version of a process and returns the instance key. */
    long startProcess(String bpmnProcessId, Map<String, Object> variables);

    /** Publishes a message; a waiting instance with that correlation key receives it. */
    void publishMessage(String messageName, String correlationKey, Map<String, Object> variables);

    /** Evaluates a deployed decision and returns its result as JSON. */
    String evaluateDecision(String decisionId, Map<String, Object> variables);

    /**
     * Whether a job leadflow holds open still exists in the engine (false once the process withdrew
     * it, e.g. a boundary timer fired); extends its lock while at it.
     */
    boolean renewJob(long jobKey, java.time.Duration lock);

    /** Completes a job that leadflow holds open on behalf of a person (a rep's task). */
    void completeJob(long jobKey, Map<String, Object> variables);
}
