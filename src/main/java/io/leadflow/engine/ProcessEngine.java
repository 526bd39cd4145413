package io.leadflow.engine;

import java.util.Map;

/**
 * Everything leadflow asks of the process engine. The embedded default and a remote Camunda 8
 * cluster both sit behind it, so switching is configuration, not a rewrite.
 */
public interface ProcessEngine {

    /** How long leadflow holds a rep's task job before the engine hands it out again (it then takes it back). */
    long USER_TASK_HOLD_MILLIS = 30L * 24 * 60 * 60 * 1000;

    /**
     * How long a rep's task job is taken before leadflow has stored it: if leadflow dies in between,
     * the engine hands the job out again this soon (storing it and holding it take milliseconds).
     */
    long USER_TASK_CLAIM_MILLIS = 20L * 1000;

    /**
     * Starts a process through its message start event, once per message id however often it is called:
     * the engine refuses a retried publish while it remembers the first, and it keeps one active instance
     * per correlation key (a start for a key whose instance is still active waits for its end).
     */
    void startOnce(String startMessage, String correlationKey, String messageId, Object variables);

    /** Publishes a message with its variables (a record or a map); a waiting instance with that correlation key receives it. */
    void publishMessage(String messageName, String correlationKey, Object variables);

    /**
     * Publishes a message only to an instance waiting for it now: the engine keeps none for later, so an instance that
     * waits for it afterwards never receives one meant for an earlier wait.
     */
    void publishMessageToWaiting(String messageName, String correlationKey, Object variables);

    /** Evaluates a deployed decision and returns its result as JSON. */
    String evaluateDecision(String decisionId, Map<String, Object> variables);

    /**
     * Evaluates one deployed version of a decision, by its key, or the decision's latest version when the key is null;
     * says which version decided and which rule rows matched (without their annotations: {@link Decisions} adds them).
     */
    DecisionEvaluation evaluateDecision(String decisionId, Long decisionKey, Map<String, Object> variables);

    /** Whether the engine still has this process instance (false once it ended or was lost). */
    boolean processInstanceExists(long processInstanceKey);

    /**
     * Holds a stored rep's task job for {@link #USER_TASK_HOLD_MILLIS}: it waits for the rep, not for a worker. Returns
     * at once, without waiting for the engine's answer: a hold that fails (the engine away or busy) leaves the job to
     * its {@link #USER_TASK_CLAIM_MILLIS} claim, after which the engine hands it out again and it is stored (once) and
     * held again. A job the engine no longer has (the process withdrew the task between handing it out and the hold)
     * runs {@code whenGone}: a task withdrawn before its due is otherwise only found at its due.
     */
    void holdJob(long jobKey, Runnable whenGone);

    /** Whether a job leadflow holds open still exists in the engine (false once the process withdrew it). */
    boolean jobExists(long jobKey);

    /**
     * Completes a job that leadflow holds open on behalf of a person (a rep's task); false when the engine has no
     * such job: it was completed already (a retry of a completion it took), or the process withdrew it.
     */
    boolean completeJob(long jobKey, Map<String, Object> variables);

    /**
     * Retries an incident once its cause is fixed: a job's incident gets its job {@code retries} again, then the incident
     * is resolved and the process goes on. False when the engine has no such open incident (resolved already: a retry
     * sent twice).
     */
    boolean retryIncident(long incidentKey, Long jobKey, int retries);
}
