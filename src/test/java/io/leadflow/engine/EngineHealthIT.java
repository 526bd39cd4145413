package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.springframework.web.client.RestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators see the embedded engine in the health and the metrics: how far it processed, what waits, how big its log is. */
class EngineHealthIT extends LeadflowIntegrationTest {

    @Autowired
    HealthEndpoint health;
    @Autowired
    MeterRegistry meters;

    @Test
    void theHealthAndTheMetricsShowTheEngine() {
        postLead(mqlLead("Hugo"));

        Health engine = (Health) health.healthForPath("engine");
        assertThat(engine.getStatus()).isEqualTo(Status.UP);
        assertThat(engine.getDetails()).containsEntry("mode", "embedded")
                .containsKeys("processedPosition", "committedPosition", "backlog", "logSizeBytes");
        assertThat((Long) engine.getDetails().get("processedPosition")).isPositive();
        assertThat((Long) engine.getDetails().get("logSizeBytes")).isPositive();

        assertThat(meters.get("leadflow.engine.position.processed").gauge().value()).isPositive();
        assertThat(meters.get("leadflow.engine.backlog").gauge().value()).isNotNegative();
        assertThat(meters.get("leadflow.engine.log.size").gauge().value()).isPositive();
        assertThat(meters.get("leadflow.intake.process.starts.pending").gauge().value()).isNotNegative();
    }

    @Test
    void anonymousCallersSeeTheStatusOnlyAndTheApiKeySeesTheDetails() {
        JsonNode anonymous = RestClient.create("http://localhost:" + port).get().uri("/actuator/health")
                .retrieve().body(JsonNode.class);
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();

        JsonNode detailed = api.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        JsonNode components = detailed.get("components");
        assertThat(components.at("/engine/details").fieldNames()).toIterable()
                .contains("processedPosition", "committedPosition", "backlog", "logSizeBytes", "snapshotPosition");
        assertThat(components.at("/leadProcesses/details").fieldNames()).toIterable()
                .contains("leadsWithLostProcess", "processStartsPending");
        assertThat(components.at("/mailOutbox/details").fieldNames()).toIterable()
                .contains("pending", "due", "retrying", "oldestDueSeconds", "failed");
    }
}
