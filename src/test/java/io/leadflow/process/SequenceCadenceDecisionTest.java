package io.leadflow.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.leadflow.lead.LeadType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static io.leadflow.process.ProcessTestEngine.matchedRules;
import static io.leadflow.process.ProcessTestEngine.ruleIds;
import static org.assertj.core.api.Assertions.assertThat;

/** sequence-cadence on the engine: every lead type gets the attempts in step order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceCadenceDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // Per class, not static: the ITs that read this table's cases start no engine.
    final ProcessTestEngine engine = ProcessTestEngine.deploying(List.of("sequence-cadence.dmn"));

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(LeadType.class)
    void sequenceCadenceListsTheAttemptsInStepOrder(LeadType leadType) throws Exception {
        EvaluateDecisionResponse response = engine.evaluate("sequence-cadence", Map.of("leadType", leadType.name()));
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        assertThat(matchedRules(response)).containsExactlyInAnyOrderElementsOf(ruleIds("sequence-cadence.dmn"));
        assertThat(JSON.readValue(response.getDecisionOutput(), List.class)).isEqualTo(List.of(
                Map.of("step", 1, "channel", "CALL", "dayOffset", 0),
                Map.of("step", 2, "channel", "EMAIL", "dayOffset", 2),
                Map.of("step", 3, "channel", "CALL", "dayOffset", 6),
                Map.of("step", 4, "channel", "SOCIAL", "dayOffset", 9),
                Map.of("step", 5, "channel", "EMAIL", "dayOffset", 13)));
    }
}
