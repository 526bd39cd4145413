package io.leadflow.process;

import io.camunda.zeebe.client.api.response.Decision;
import io.camunda.zeebe.client.api.response.DecisionRequirements;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.client.api.response.Form;
import io.camunda.zeebe.client.api.response.Process;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything in processes/ deploys to the engine in one deployment, as leadflow deploys it at start-up. */
@ProcessTest
class ProcessDeploymentTest {

    @Autowired
    ProcessTestEngine engine;

    @Test
    void everyModelTableAndFormInProcessesIsDeployedInOneDeployment() {
        DeploymentEvent deployment = engine.deployment();
        List<String> files = ProcessTestEngine.models().stream().map(model -> "processes/" + model.getFileName()).toList();
        assertThat(Stream.of(deployment.getProcesses().stream().map(Process::getResourceName),
                deployment.getDecisionRequirements().stream().map(DecisionRequirements::getResourceName),
                deployment.getForm().stream().map(Form::getResourceName)).flatMap(names -> names))
                .containsExactlyInAnyOrderElementsOf(files);

        assertThat(deployment.getProcesses()).extracting(Process::getBpmnProcessId).containsExactlyInAnyOrder(
                JourneyProcess.ID, IdentifyProcess.ID, SequenceProcess.ID, ExploreProcess.ID, AdviseProcess.ID, NurtureProcess.ID);
        assertThat(deployment.getDecisions()).extracting(Decision::getDmnDecisionId).contains(IdentifyProcess.FIT_DECISION,
                IdentifyProcess.ASSIGNMENT_DECISION, SequenceProcess.CADENCE_DECISION, AdviseProcess.CASE_STUDY_DECISION);
    }
}
