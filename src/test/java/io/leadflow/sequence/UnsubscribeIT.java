package io.leadflow.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.sequence.internal.UnsubscribeLinks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Unsubscribing on the full stack: once per lead however often it is asked, and never for a lead with no address. */
class UnsubscribeIT extends LeadflowIntegrationTest {

    @Autowired
    UnsubscribeLinks links;
    @Autowired
    JdbcClient jdbc;

    @Test
    void repeatedOneClickUnsubscribesRecordOneEventAndOneSuppression() {
        String email = uniqueEmail("once", "andesnet.co");
        UUID lead = postLead(Map.of("type", "FORM_FILL", "email", email, "country", "CO"));
        URI link = URI.create(links.linkFor(lead).replace("http://localhost:8080", "http://localhost:" + port));

        for (int click = 0; click < 3; click++) {
            assertThat(api.post().uri(link).contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click")
                    .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(api.post().uri("/api/leads/{id}/unsubscribe", lead).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        assertThat(timelineTypes(lead).stream().filter("UNSUBSCRIBED"::equals)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from suppression where email_key = ?").param(email).query(Long.class).single()).isOne();
    }

    @Test
    void aCompanyVisitHasNoAddressToUnsubscribe409NamingIt() {
        UUID visit = postLead(Map.of("type", "COMPANY_VISIT", "companyDomain", "visit-" + UUID.randomUUID().toString().substring(0, 8) + ".co",
                "country", "CO"));

        var answer = api.post().uri("/api/leads/{id}/unsubscribe", visit).retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("detail").asText()).contains("no email address");
        assertThat(timelineTypes(visit)).doesNotContain("UNSUBSCRIBED");
    }

    @Test
    void theErrorPageAskedForDirectlyIsA404Problem() {
        var answer = api.get().uri("/error").retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
