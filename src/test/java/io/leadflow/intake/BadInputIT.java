package io.leadflow.intake;

import io.leadflow.HostileInput;
import io.leadflow.LeadflowIntegrationTest;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzzer on the full stack (a few hundred of the hostile requests the slice properties send by thousands):
 * never a 5xx, and afterwards no lead half-stored: every lead has its RECEIVED event and its process row.
 */
class BadInputIT extends LeadflowIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @Autowired
    JdbcClient jdbc;

    BadInputIT() throws Exception {
        // jqwik makes the instance, not JUnit Jupiter's Spring extension: Spring's test context injects it here.
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    /** What the Spring extension does after a class: this class's leadflow is closed, the next class gets its own. */
    @AfterContainer
    static void closeLeadflow() throws Exception {
        new TestContextManager(BadInputIT.class).afterTestClass();
    }

    @Property(tries = 400, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void hostileInputIsNeverA5xx(@ForAll("hostile") HostileInput.Request request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.authorized()) {
            builder.header("Authorization", "Bearer dev-api-key");
        }
        HttpResponse<Void> response = http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
        HostileInput.assertAnswered(request, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null));
    }

    @AfterProperty
    void noLeadIsHalfStored() {
        assertThat(halfStoredLeads()).as("leads without their RECEIVED event or their process").isEmpty();
    }

    private List<UUID> halfStoredLeads() {
        return jdbc.sql("""
                select l.id from lead l
                where not exists (select 1 from lead_event e where e.lead_id = l.id and e.type = 'RECEIVED')
                   or not exists (select 1 from lead_process p where p.lead_id = l.id)""").query(UUID.class).list();
    }

    @Provide
    Arbitrary<HostileInput.Request> hostile() {
        return Arbitraries.oneOf(HostileInput.requests(), HostileInput.nearlyValidLeads());
    }
}
