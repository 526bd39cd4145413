package io.leadflow.process;

import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A model's process test: a Spring context of the model's real job workers, registered by the Camunda Spring SDK as in
 * leadflow, polling the test class's {@link ProcessTestEngine}; the services they call are mocked at their boundary.
 * The test class names its workers in a nested {@link ProcessTestConfiguration} and points the client at its engine
 * with {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ImportAutoConfiguration({JacksonAutoConfiguration.class, MetricsAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, CamundaAutoConfiguration.class})
@DirtiesContext
public @interface ProcessTest {
}
