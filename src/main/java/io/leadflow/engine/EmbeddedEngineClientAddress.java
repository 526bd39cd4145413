package io.leadflow.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points the Camunda client at the embedded engine's gateway, only when leadflow runs it. In remote mode leadflow sets
 * no address: the starter's {@code camunda.client.mode} defaults apply (a SaaS cluster's addresses from its cluster id
 * and region), which any address set in application.yaml would override.
 */
public class EmbeddedEngineClientAddress implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "leadflowEmbeddedEngineClientAddress";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (EngineProperties.Mode.EMBEDDED.name().equalsIgnoreCase(environment.getProperty("leadflow.engine.mode"))) {
            // Last, below every setting of the user's; the starter's mode defaults are added below it afterwards.
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("camunda.client.grpc-address",
                    "http://127.0.0.1:${leadflow.engine.embedded.port:26500}")));
        }
    }

    /** After application.yaml is read (it says the mode), before the Camunda starter adds its mode's defaults. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
