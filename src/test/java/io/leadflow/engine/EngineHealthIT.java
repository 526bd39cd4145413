package io.leadflow.engine;

import io.leadflow.LeadflowIntegrationTest;
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
}
