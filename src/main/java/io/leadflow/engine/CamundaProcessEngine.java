package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;

@Component
class CamundaProcessEngine implements ProcessEngine {

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
        client.newPublishMessageCommand()
                .messageName(messageName)
                .correlationKey(correlationKey)
                .timeToLive(MESSAGE_TTL)
                .variables(variables)
                .send()
                .join();
    }

    @Override
    public String evaluateDecision(String decisionId, Map<String, Object> variables) {
        return client.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join().getDecisionOutput();
    }

    @Override
    public boolean processInstanceExists(long processInstanceKey) {
        // The gateway has no instance lookup; setting no variables on it answers NOT_FOUND once it is gone.
        return found(() -> client.newSetVariablesCommand(processInstanceKey).variables(Map.of()).send().join());
    }

    @Override
    public void holdJob(long jobKey) {
        client.newUpdateTimeoutCommand(jobKey).timeout(HOLD).send().join();
    }

    @Override
    public boolean jobExists(long jobKey) {
        // The gateway has no job lookup; holding it again answers NOT_FOUND for a withdrawn job.
        return found(() -> holdJob(jobKey));
    }

    private static boolean found(Runnable command) {
        try {
            command.run();
            return true;
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean completeJob(long jobKey, Map<String, Object> variables) {
        return found(() -> client.newCompleteCommand(jobKey).variables(variables).send().join());
    }
}
