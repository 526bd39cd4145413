package io.leadflow.engine;

import io.leadflow.engine.embedded.EmbeddedZeebe;
import io.leadflow.engine.internal.ProcessInstanceMetrics;
import io.leadflow.engine.internal.ProcessProjection;
import io.leadflow.engine.internal.ProcessProjectionRepository;
import io.leadflow.engine.internal.ProjectedIncidents;
import io.leadflow.engine.internal.ProjectedProcessInstances;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import io.leadflow.platform.MovableClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Runs the real Zeebe engine inside leadflow with its state on disk, so one command brings up the
 * whole product without a cluster and a restart or a crash loses no live process. The Camunda
 * client talks to it over gRPC exactly as it would to a remote cluster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadflow.engine.mode", havingValue = "embedded")
public class EmbeddedEngineConfiguration {

    static final String ENGINE_BEAN = "embeddedZeebe";

    @Bean(name = ENGINE_BEAN, destroyMethod = "close")
    EmbeddedZeebe embeddedZeebe(EngineProperties properties, MovableClock clock, ProcessProjection projection,
                                Environment environment) {
        EngineProperties.Embedded embedded = properties.embedded();
        EmbeddedEngineLicense.check(environment, embedded);
        EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(properties.dataDir(), embedded.host(),
                embedded.port(), embedded.logSegmentSize().toBytes(), embedded.snapshotInterval(), embedded.startTimeout()),
                projection::position);
        // leadflow's "now" goes on where the engine's state left it (a demo that moved time, then restarted).
        clock.advance(engine.clockOffset());
        return engine;
    }

    /** The process view follows the engine's log; the engine keeps what it has not projected yet. */
    @Bean
    ProcessProjection processProjection(ProcessProjectionRepository repository, ObjectProvider<EmbeddedZeebe> engine) {
        return new ProcessProjection(repository, engine);
    }

    @Bean
    ProcessInstances projectedProcessInstances(ProcessProjectionRepository repository, ProcessModels models) {
        return new ProjectedProcessInstances(repository, models);
    }

    @Bean
    Incidents projectedIncidents(ProcessProjectionRepository repository, ProcessModels models) {
        return new ProjectedIncidents(repository, models);
    }

    @Bean
    ProcessInstanceMetrics processInstanceMetrics(ProcessInstances instances, MeterRegistry registry) {
        return new ProcessInstanceMetrics(instances, registry);
    }

    @Bean
    EngineIdentity embeddedEngineIdentity(EmbeddedZeebe engine) {
        return new EngineIdentity(engine.id());
    }

    /** The client must not connect before the engine listens. */
    @Bean
    static BeanFactoryPostProcessor camundaClientDependsOnEmbeddedEngine() {
        return (ConfigurableListableBeanFactory factory) -> {
            for (String name : factory.getBeanDefinitionNames()) {
                if (name.equals("camundaClient") || name.equals("zeebeClient")) {
                    BeanDefinition definition = factory.getBeanDefinition(name);
                    String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                    definition.setDependsOn(Stream.concat(Arrays.stream(dependsOn), Stream.of(ENGINE_BEAN)).toArray(String[]::new));
                }
            }
        };
    }

    /** Moves the engine's timers and leadflow's clock together, so both agree on "now". */
    @Bean
    EngineClock embeddedEngineClock(EmbeddedZeebe engine, MovableClock clock) {
        return duration -> {
            clock.advance(duration);
            engine.advanceClock(duration);
        };
    }

    /**
     * DOWN when the stream processor, the log's writes or the state snapshots failed (and says which); shows
     * how far processing is behind the log and where the newest snapshot is.
     */
    @Bean
    HealthIndicator engineHealthIndicator(EmbeddedZeebe engine) {
        return () -> {
            EmbeddedZeebe.Progress progress = engine.progress();
            String problem = engine.problem();
            Health.Builder health = problem == null ? Health.up() : Health.down().withDetail("problem", problem);
            return health
                    .withDetail("mode", "embedded")
                    .withDetail("snapshotPosition", progress.snapshotPosition())
                    .withDetail("processedPosition", progress.processedPosition())
                    .withDetail("committedPosition", progress.committedPosition())
                    .withDetail("backlog", progress.backlog())
                    .withDetail("logSizeBytes", progress.logSizeBytes())
                    .build();
        };
    }

    @Bean
    MeterBinder embeddedEngineMetrics(EmbeddedZeebe engine) {
        return registry -> {
            Gauge.builder("leadflow.engine.position.processed", engine, EmbeddedZeebe::processedPosition)
                    .description("position of the last record the engine processed").register(registry);
            Gauge.builder("leadflow.engine.position.committed", engine, EmbeddedZeebe::committedPosition)
                    .description("position of the last record durable in the engine's log").register(registry);
            Gauge.builder("leadflow.engine.backlog", engine, e -> e.progress().backlog())
                    .description("records in the engine's log not processed yet").register(registry);
            Gauge.builder("leadflow.engine.log.size", engine, EmbeddedZeebe::logSizeBytes)
                    .description("the engine's log on disk").baseUnit("bytes").register(registry);
        };
    }
}
