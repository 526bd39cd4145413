package io.leadflow;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What makes a full-stack test class independent of every other: its leadflow gets a database of its own (on the server
 * of {@code spring.datasource.url}, named after its database, created with leadflow's schema already migrated) and an
 * engine data directory of its own
 * (so its own engine clock), both deleted when the context closes, and the engine's gateway, SMTP and IMAP on ports
 * free when it starts. A port set explicitly ({@code -Dspring.mail.port=…} or its environment variable) is kept.
 * {@link LeadflowIntegrationTest}'s {@code @DirtiesContext} closes the context after each class.
 */
public final class IsolatedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        // Below the system properties and the environment, above application-test.yaml.
        environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new MapPropertySource("freePorts", Map.of("leadflow.engine.embedded.port", FreePorts.pick(),
                        "spring.mail.port", FreePorts.pick(), "leadflow.mail.inbox.port", FreePorts.pick())));

        TestDatabase database = TestDatabase.createMigratedLike(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password", ""));
        Path engineData = Path.of("target", "test-engine", database.name());
        environment.getPropertySources().addFirst(new MapPropertySource("ownDatabaseAndEngine", Map.of(
                "spring.datasource.url", database.url(), "leadflow.engine.data-dir", engineData.toString())));

        // leadflow leaves its pool open at close (its beans may still write while stopping): closed here, then the database
        // and the engine's data go. Registered before any bean, this is destroyed after all of them.
        AtomicReference<DataSource> pool = new AtomicReference<>();
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource) {
                    pool.compareAndSet(null, dataSource);
                }
                return bean;
            }
        });
        beans.registerDisposableBean("ownDatabaseAndEngineData", () -> {
            if (pool.get() instanceof AutoCloseable closeable) {
                closeable.close();
            }
            database.drop();
            FileSystemUtils.deleteRecursively(engineData);
        });
    }
}
