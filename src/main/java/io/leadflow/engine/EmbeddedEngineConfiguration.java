package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
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
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
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
 * client talks to it over gRPC as it would to a remote cluster, through gRPC's in-process transport.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadflow.engine.mode", havingValue = "embedded")
public class EmbeddedEngineConfiguration {

    static final String ENGINE_BEAN = "embeddedZeebe";
    private static final String STARTER_CLIENT_BEAN = "camundaClient";

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

    /**
     * leadflow's client reaches the engine in-process: over loopback TCP, the HTTP/2 framing, protobuf encoding and
     * event-loop hops between the job workers and the gateway took 13-16 % of leadflow's CPU. Built as the starter
     * builds its client, from the starter's configuration (interceptors, credentials, the job workers' executor), on
     * the engine's in-process channel instead of a Netty one. The engine's port stays for other clients. No retry
     * policy: the gateway answers no call with a status one would retry, and it lives as long as the client.
     */
    @Bean(destroyMethod = "close")
    CamundaClient inProcessCamundaClient(CamundaClientConfiguration configuration, EmbeddedZeebe engine) {
        return engine.inProcessClient(configuration);
    }

    /**
     * The starter makes its camundaClient, on a Netty channel, whatever other client there is (no condition to turn it
     * off): its definition gives way to {@link #inProcessCamundaClient} under its name, so there is one client and the
     * starter's job workers use it. The deprecated zeebeClient it also makes (leadflow does not use it) must not
     * connect before the engine listens.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor oneCamundaClient() {
        return registry -> {
            if (registry.containsBeanDefinition(STARTER_CLIENT_BEAN)) {
                registry.removeBeanDefinition(STARTER_CLIENT_BEAN);
                registry.registerAlias("inProcessCamundaClient", STARTER_CLIENT_BEAN);
            }
            if (registry.containsBeanDefinition("zeebeClient")) {
                BeanDefinition definition = registry.getBeanDefinition("zeebeClient");
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                definition.setDependsOn(Stream.concat(Arrays.stream(dependsOn), Stream.of(ENGINE_BEAN)).toArray(String[]::new));
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
