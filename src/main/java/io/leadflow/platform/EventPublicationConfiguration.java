package io.leadflow.platform;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableAsync;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Events to {@code @ApplicationModuleListener}s: Spring Modulith's registry stores each in its publisher's transaction
 * (table {@code event_publication}) and hands it to the listener after the commit, on a thread and in a transaction of
 * the listener's own; a publication stays until its listener succeeds, and those left (a listener failed, leadflow
 * stopped) go out again at the next start. Health's {@code eventPublications} says how many wait and since when.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class EventPublicationConfiguration {

    @Bean
    HealthIndicator eventPublicationsHealthIndicator(JdbcClient jdbc) {
        return () -> {
            Map<String, Object> waiting = jdbc.sql("""
                            select count(*) as incomplete, min(publication_date) as oldest
                            from event_publication where completion_date is null
                            """)
                    .query((row, n) -> {
                        OffsetDateTime oldest = row.getObject("oldest", OffsetDateTime.class);
                        return oldest == null ? Map.<String, Object>of("incomplete", 0L)
                                : Map.<String, Object>of("incomplete", row.getLong("incomplete"), "oldest", oldest.toInstant().toString());
                    })
                    .single();
            return Health.up().withDetails(waiting).build();
        };
    }
}
