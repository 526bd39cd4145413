package io.leadflow;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For an {@code @ApplicationModuleTest} of a module whose data is mocked: the context starts without PostgreSQL
 * (no DataSource, hence no Flyway, JdbcClient or JDBC transactions: {@link TransactionsWithoutADatabase} stands in for
 * them), without the Camunda client and without the embedded mail server or the inbox poller, so nothing connects
 * anywhere or binds a port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TransactionsWithoutADatabase.class)
@TestPropertySource(properties = {
        "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "camunda.client.enabled=false",
        "leadflow.mail.embedded.enabled=false",
        "leadflow.mail.inbox.enabled=false"})
public @interface WithoutInfrastructure {
}
