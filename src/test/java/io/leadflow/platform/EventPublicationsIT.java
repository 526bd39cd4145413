package io.leadflow.platform;

import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event to an {@code @ApplicationModuleListener} is kept in PostgreSQL until its listener succeeds: a failed one
 * waits, counted in the health, and is handed out again (as at a start) to the listener that now succeeds.
 */
@Import(EventPublicationsIT.Listening.class)
class EventPublicationsIT extends LeadflowIntegrationTest {

    /** What the listener below hears. */
    public record Probe(UUID id) {
    }

    /** Fails until told to succeed; remembers what it tried and handled (read through methods: the bean is a proxy). */
    static class ProbeListener {

        private final AtomicBoolean failing = new AtomicBoolean(true);
        private final Set<UUID> tried = ConcurrentHashMap.newKeySet();
        private final Set<UUID> handled = ConcurrentHashMap.newKeySet();

        @ApplicationModuleListener
        public void on(Probe probe) {
            tried.add(probe.id());
            if (failing.get()) {
                throw new IllegalStateException("not now");
            }
            handled.add(probe.id());
        }

        public boolean tried(UUID id) {
            return tried.contains(id);
        }

        public boolean handled(UUID id) {
            return handled.contains(id);
        }

        public void succeed() {
            failing.set(false);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listening {
        @Bean
        ProbeListener probeListener() {
            return new ProbeListener();
        }
    }

    @Autowired
    ProbeListener listener;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    IncompleteEventPublications incomplete;
    @Autowired
    HealthEndpoint health;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailedListenerGetsItsEventAgainAndTheHealthCountsWhatWaits() {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.publishEvent(new Probe(id)));

        await().atMost(PATIENCE).until(() -> listener.tried(id));
        assertThat(waiting(id)).as("kept after its listener failed").isEqualTo(1);
        Health publications = (Health) health.healthForPath("eventPublications");
        assertThat(publications.getStatus()).isEqualTo(Status.UP);
        assertThat((Long) publications.getDetails().get("incomplete")).isPositive();
        assertThat(publications.getDetails()).containsKey("oldest");

        listener.succeed();
        incomplete.resubmitIncompletePublications(publication -> publication.getEvent() instanceof Probe probe && probe.id().equals(id));

        await().atMost(PATIENCE).until(() -> listener.handled(id) && waiting(id) == 0);
    }

    private long waiting(UUID id) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                .param("%" + id + "%").query(Long.class).single();
    }
}
