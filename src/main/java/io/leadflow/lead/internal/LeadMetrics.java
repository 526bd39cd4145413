package io.leadflow.lead.internal;

import io.leadflow.lead.LeadType;
import io.leadflow.lead.StageMove;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Locale;

/**
 * The funnel's metrics, recorded where the lead's facts change: leads received per type and source, stage
 * transitions, and the wall-clock time a lead spent in the stage it leaves (assignment adds it in working hours).
 */
@Configuration(proxyBeanMethods = false)
public class LeadMetrics {

    /** A source is the sender's free text: past this many values a new one is not counted rather than flooding Prometheus. */
    static final int MAX_SOURCES = 100;

    private static final Duration[] STAGE_BUCKETS = {Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(90)};

    private final MeterRegistry meters;
    LeadMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Bean
    static MeterFilter leadSourcesLimit() {
        return MeterFilter.maximumAllowableTags("leadflow.leads.received", "source", MAX_SOURCES, MeterFilter.deny());
    }

    public void received(LeadType type, String source) {
        Counter.builder("leadflow.leads.received").description("Leads that arrived, new ones only (a merge is not a new lead)")
                .tag("type", type.name()).tag("source", sourceTag(source)).register(meters).increment();
    }

    /** A lead left {@code from} for {@code to}. */
    public void moved(StageMove from, StageMove to) {
        String stage = from.stage().name();
        Counter.builder("leadflow.stage.transitions").description("Stage moves of leads")
                .tag("from", stage).tag("to", to.stage().name()).register(meters).increment();
        Timer.builder("leadflow.stage.duration").description("Time a lead spent in a stage, recorded when it leaves it")
                .tag("stage", stage).serviceLevelObjectives(STAGE_BUCKETS).register(meters)
                .record(Duration.between(from.at(), to.at()));
    }

    static String sourceTag(String source) {
        return source == null || source.isBlank() ? "none" : source.strip().toLowerCase(Locale.ROOT);
    }
}
