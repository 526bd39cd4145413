package io.leadflow.engine;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.leadflow.platform.MovableClock;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Runs a real Zeebe engine (in-memory state, gRPC gateway) inside leadflow, so one command
 * brings up the whole product without a cluster. The Camunda client talks to it over gRPC
 * exactly as it would to a remote cluster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadflow.engine.mode", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedEngineConfiguration {

    static final String ENGINE_BEAN = "embeddedZeebeEngine";

    @Bean(name = ENGINE_BEAN, destroyMethod = "stop")
    ZeebeTestEngine embeddedZeebeEngine(@Value("${leadflow.engine.embedded.port}") int port) {
        ZeebeTestEngine engine = EngineFactory.create(port);
        engine.start();
        return engine;
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
    EngineClock embeddedEngineClock(ZeebeTestEngine engine, MovableClock clock) {
        return duration -> {
            clock.advance(duration);
            engine.increaseTime(duration);
        };
    }
}
