package io.leadflow.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(sandbox.activateJobs()).extracting(job -> job.getType()).containsExactly("after");
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
            assertThat(sandbox.activateJobs()).extracting(job -> job.getType()).containsExactly("after");
        }
    }
}
