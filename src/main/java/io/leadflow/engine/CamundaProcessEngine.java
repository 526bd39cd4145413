package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.EvaluateDecisionCommandStep1;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.UpdateTimeoutJobResponse;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

@Component
class CamundaProcessEngine implements ProcessEngine {

    private static final Logger log = LoggerFactory.getLogger(CamundaProcessEngine.class);
    private static final Duration MESSAGE_TTL = Duration.ofHours(1);
    private static final Duration HOLD = Duration.ofMillis(USER_TASK_HOLD_MILLIS);

    private final CamundaClient client;
    private final Duration startMessageTtl;

    CamundaProcessEngine(CamundaClient client, EngineProperties properties) {
        this.client = client;
        this.startMessageTtl = properties.startMessageTtl();
    }

    @Override
    public void startOnce(String startMessage, String correlationKey, String messageId, Object variables) {
        try {
            client.newPublishMessageCommand()
                    .messageName(startMessage)
                    .correlationKey(correlationKey)
                    .messageId(messageId)
                    .timeToLive(startMessageTtl)
                    .variables(variables)
                    .send()
                    .join();
        } catch (ClientStatusException e) {
            // The engine still holds this start message: an earlier try went through.
            if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    @Override
    public void publishMessage(String messageName, String correlationKey, Object variables) {
        publish(messageName, correlationKey, variables, MESSAGE_TTL);
    }

    @Override
    public void publishMessageToWaiting(String messageName, String correlationKey, Object variables) {
        publish(messageName, correlationKey, variables, Duration.ZERO);
    }

    private void publish(String messageName, String correlationKey, Object variables, Duration timeToLive) {
        client.newPublishMessageCommand()
                .messageName(messageName)
                .correlationKey(correlationKey)
                .timeToLive(timeToLive)
                .variables(variables)
                .send()
                .join();
    }

    @Override
    public String evaluateDecision(String decisionId, Map<String, Object> variables) {
        return client.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join().getDecisionOutput();
    }

    @Override
    public DecisionEvaluation evaluateDecision(String decisionId, Long decisionKey, Map<String, Object> variables) {
        EvaluateDecisionCommandStep1 command = client.newEvaluateDecisionCommand();
        EvaluateDecisionResponse response = (decisionKey == null ? command.decisionId(decisionId) : command.decisionKey(decisionKey))
                .variables(variables).send().join();
        if (response.getFailureMessage() != null && !response.getFailureMessage().isBlank()) {
            throw new IllegalStateException("Decision " + response.getFailedDecisionId() + " failed: " + response.getFailureMessage());
        }
        List<DecisionEvaluation.MatchedRule> matched = response.getEvaluatedDecisions().stream()
                .flatMap(decision -> decision.getMatchedRules().stream()
                        .map(rule -> new DecisionEvaluation.MatchedRule(decision.getDecisionId(), rule.getRuleId(), null)))
                .toList();
        return new DecisionEvaluation(response.getDecisionId(), response.getDecisionVersion(), response.getDecisionOutput(), matched);
    }

    @Override
    public boolean processInstanceExists(long processInstanceKey) {
        // The gateway has no instance lookup; setting no variables on it answers NOT_FOUND once it is gone.
        return found(() -> client.newSetVariablesCommand(processInstanceKey).variables(Map.of()).send().join());
    }

    @Override
    public void holdJob(long jobKey, Runnable whenGone) {
        try {
            hold(jobKey).whenComplete((held, error) -> {
                if (error != null) {
                    holdFailed(jobKey, error, whenGone);
                }
            });
        } catch (RuntimeException e) {
            holdFailed(jobKey, e, whenGone);
        }
    }

    private CamundaFuture<UpdateTimeoutJobResponse> hold(long jobKey) {
        return client.newUpdateTimeoutCommand(jobKey).timeout(HOLD).send();
    }

    private static void holdFailed(long jobKey, Throwable error, Runnable whenGone) {
        if (Status.fromThrowable(error).getCode() == Status.Code.NOT_FOUND) {
            log.debug("Job {} was gone before it could be held", jobKey);
            try {
                whenGone.run();
            } catch (RuntimeException e) {
                // The withdrawn-task check closes it at its due.
                log.warn("Could not close the task of job {}, withdrawn before it was held: {}", jobKey, e.getMessage());
            }
            return;
        }
        log.warn("Could not hold job {} for its rep ({}); the engine hands it out again once its claim of {} s passes",
                jobKey, error.getMessage(), USER_TASK_CLAIM_MILLIS / 1000);
    }

    @Override
    public boolean jobExists(long jobKey) {
        // The gateway has no job lookup; holding it again answers NOT_FOUND for a withdrawn job.
        return found(() -> hold(jobKey).join());
    }

    /** False when the engine answers NOT_FOUND: over gRPC a status, over the REST API a 404 problem. */
    private static boolean found(Runnable command) {
        try {
            command.run();
            return true;
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        } catch (ClientHttpException e) {
            if (e.code() == HttpStatus.NOT_FOUND.value()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean completeJob(long jobKey, Map<String, Object> variables) {
        return found(() -> client.newCompleteCommand(jobKey).variables(variables).send().join());
    }

    @Override
    public boolean retryIncident(long incidentKey, Long jobKey, int retries) {
        // A job the engine no longer has leaves only the incident to resolve; resolving says whether it was open.
        if (jobKey != null) {
            found(() -> client.newUpdateRetriesCommand(jobKey).retries(retries).send().join());
        }
        return found(() -> client.newResolveIncidentCommand(incidentKey).send().join());
    }
}
