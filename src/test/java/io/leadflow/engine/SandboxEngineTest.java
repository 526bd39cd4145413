package io.leadflow.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxEngineTest {

    @Test
    void aTimerFiresWhenTheVirtualClockReachesIt() {
        String model = Bpmn.convertToString(Bpmn.createExecutableProcess("wait").startEvent()
                .intermediateCatchEvent("Wait").timerWithDateExpression("date and time(due)").serviceTask("After", task -> task.zeebeJobType("after"))
                .endEvent().done());
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        try (SandboxEngine sandbox = SandboxEngine.start(start)) {
            SandboxEngine.Deployment deployment = sandbox.deploy(Map.of("wait.bpmn", model.getBytes(StandardCharsets.UTF_8)));
            sandbox.startInstance(deployment.processes().get("wait"),
                    Map.of("due", sandbox.toEngine(start.plus(Duration.ofHours(1))).toString()));
            sandbox.awaitIdle();
            assertThat(sandbox.nextTimerDue()).contains(start.plus(Duration.ofHours(1)));
            assertThat(sandbox.activateJobs()).isEmpty();

            sandbox.moveClockTo(sandbox.nextTimerDue().orElseThrow());

            assertThat(sandbox.nextTimerDue()).isEmpty();
            assertThat(sandbox.activateJobs()).extracting(SandboxEngine.Job::type).containsExactly("after");
        }
    }

    @Test
    void theEngineClockStandsAtTheVirtualMomentSoATimerRelativeToNowIsDueExactly() {
        String model = Bpmn.convertToString(Bpmn.createExecutableProcess("wait").startEvent()
                .intermediateCatchEvent("Wait").timerWithDuration("PT1H").intermediateCatchEvent("Overdue")
                .timerWithDateExpression("date and time(overdue)").serviceTask("After", task -> task.zeebeJobType("after"))
                .endEvent().done());
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        try (SandboxEngine sandbox = SandboxEngine.start(start)) {
            SandboxEngine.Deployment deployment = sandbox.deploy(Map.of("wait.bpmn", model.getBytes(StandardCharsets.UTF_8)));
            sandbox.startInstance(deployment.processes().get("wait"), Map.of("overdue", sandbox.toEngine(start).toString()));
            sandbox.awaitIdle();

            // However long the start took, the engine's "now" is the virtual moment: the hour runs from it exactly.
            assertThat(sandbox.nextTimerDue()).contains(start.plus(Duration.ofHours(1)));

            // The next timer is due when it is created: it fires at that moment, without the clock moving on.
            sandbox.moveClockTo(start.plus(Duration.ofHours(1)));

            assertThat(sandbox.now()).isEqualTo(start.plus(Duration.ofHours(1)));
            assertThat(sandbox.nextTimerDue()).isEmpty();
            assertThat(sandbox.activateJobs()).extracting(SandboxEngine.Job::type).containsExactly("after");
        }
    }

    @Test
    void aJobAnswerIsWrittenToTheLogAndOneTheEngineRejectsIsReturnedWithItsReason() {
        String model = Bpmn.convertToString(Bpmn.createExecutableProcess("work").startEvent()
                .serviceTask("Work", task -> task.zeebeJobType("work")).serviceTask("After", task -> task.zeebeJobType("after"))
                .endEvent().done());
        try (SandboxEngine sandbox = SandboxEngine.start(Instant.parse("2026-03-02T10:00:00Z"))) {
            SandboxEngine.Deployment deployment = sandbox.deploy(Map.of("work.bpmn", model.getBytes(StandardCharsets.UTF_8)));
            sandbox.startInstance(deployment.processes().get("work"), Map.of());
            sandbox.awaitIdle();
            long work = sandbox.activateJobs().getFirst().key();

            assertThat(sandbox.answerJobs(List.of(SandboxEngine.JobAnswer.completed(work, Map.of("done", true))))).isEmpty();

            sandbox.awaitIdle();
            assertThat(sandbox.activateJobs()).singleElement().satisfies(after -> {
                assertThat(after.type()).isEqualTo("after");
                assertThat(after.variables()).containsEntry("done", true);
            });
            // The job is done: a second answer to it is refused, as the gateway's request would be.
            assertThat(sandbox.answerJobs(List.of(SandboxEngine.JobAnswer.completed(work, Map.of()))))
                    .containsOnlyKeys(work).hasEntrySatisfying(work, reason -> assertThat(reason).startsWith("NOT_FOUND"));
        }
    }

    @Test
    void aFailedJobAnswerRaisesAnIncidentWithItsReason() {
        String model = Bpmn.convertToString(Bpmn.createExecutableProcess("work").startEvent()
                .serviceTask("Work", task -> task.zeebeJobType("work")).endEvent().done());
        try (SandboxEngine sandbox = SandboxEngine.start(Instant.parse("2026-03-02T10:00:00Z"))) {
            SandboxEngine.Deployment deployment = sandbox.deploy(Map.of("work.bpmn", model.getBytes(StandardCharsets.UTF_8)));
            long instance = sandbox.startInstance(deployment.processes().get("work"), Map.of());
            sandbox.awaitIdle();
            long work = sandbox.activateJobs().getFirst().key();

            assertThat(sandbox.answerJobs(List.of(SandboxEngine.JobAnswer.failed(work, "no model defines the decision")))).isEmpty();

            assertThat(sandbox.takeIncidents()).containsExactly(new SandboxEngine.Incident(instance, "work", "Work",
                    "JOB_NO_RETRIES", "no model defines the decision"));
        }
    }

    /** A score by company size, where a company of 100 or more matches both rules: a table that allows one fails. */
    private static final String SCORES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="scores" name="Scores" namespace="http://leadflow.io/test">
              <decision id="score" name="Score">
                <decisionTable id="ScoreTable" hitPolicy="UNIQUE">
                  <input id="Size" label="Size">
                    <inputExpression id="SizeExpression" typeRef="number"><text>size</text></inputExpression>
                  </input>
                  <output id="Score" name="score" typeRef="number"/>
                  <rule id="Big">
                    <inputEntry id="BigSize"><text>&gt;= 100</text></inputEntry>
                    <outputEntry id="BigScore"><text>10</text></outputEntry>
                  </rule>
                  <rule id="Medium">
                    <inputEntry id="MediumSize"><text>&gt;= 50</text></inputEntry>
                    <outputEntry id="MediumScore"><text>5</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """;

    @Test
    void decisionsAreEvaluatedTogetherEachWithItsResultOrTheEnginesReason() {
        try (SandboxEngine sandbox = SandboxEngine.start(Instant.parse("2026-03-02T10:00:00Z"))) {
            long score = sandbox.deploy(Map.of("scores.dmn", SCORES.getBytes(StandardCharsets.UTF_8))).decisions().get("score");

            List<SandboxEngine.Decided> decided = sandbox.evaluateDecisions(List.of(
                    new SandboxEngine.DecisionInput(score, Map.of("size", 60)),
                    new SandboxEngine.DecisionInput(score, Map.of("size", 150))));

            assertThat(decided).hasSize(2);
            assertThat(decided.getFirst().orThrow()).isEqualTo(new DecisionEvaluation("score", 1, "5",
                    List.of(new DecisionEvaluation.MatchedRule("score", "Medium", null))));
            assertThatThrownBy(() -> decided.getLast().orThrow()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Decision score failed: ");
        }
    }
}
