package io.leadflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake API's contract: authentication, every kind of bad input as problem+json, CSV import. */
class IntakeApiIT extends LeadflowIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutTheApiKeyTheAnswerIs401ProblemJson() {
        for (String header : new String[] {null, "Bearer wrong-key", "Basic ZGV2LWFwaS1rZXk="}) {
            var request = org.springframework.web.client.RestClient.create("http://localhost:" + port).post().uri("/api/leads")
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("type", "FORM_FILL"));
            if (header != null) {
                request.header(HttpHeaders.AUTHORIZATION, header);
            }
            ResponseEntity<String> response = request.retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
            assertThat(response.getStatusCode().value()).isEqualTo(401);
            assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void badFieldsAreNamedInA400ProblemAndNothingIsStored() {
        String email = uniqueEmail("bad", "andesnet.co");
        JsonNode problem = post("""
                {"type":"FORM_FILL","email":"%s","firstName":"Eve\\r\\nBcc: all@x.com","employees":-5,
                 "country":"XX","timeZone":"Mars/Base","language":"fr","jobTitle":42,"shoeSize":44}
                """.formatted(email), 400);
        assertThat(fields(problem)).containsExactlyInAnyOrder("shoeSize", "employees", "country", "timeZone", "language",
                "firstName", "jobTitle");
        assertThat(jdbc.sql("select count(*) from lead where email_key = ?").param(email).query(Integer.class).single()).isZero();
    }

    @Test
    void anUnknownTypeAndMissingTypeSpecificFieldsAreNamed() {
        assertThat(fields(post("{\"type\":\"COLD_CALL\",\"email\":\"a@b.co\",\"country\":\"CO\"}", 400))).contains("type");
        assertThat(fields(post("{\"type\":\"TRIGGER_EVENT\",\"companyDomain\":\"x.co\",\"country\":\"CO\"}", 400)))
                .contains("eventKind", "eventUrl");
        assertThat(fields(post("{\"type\":\"REFERRAL\",\"email\":\"a@b.co\",\"country\":\"CO\"}", 400))).contains("referredBy");
        assertThat(fields(post("{\"type\":\"COMPANY_VISIT\",\"country\":\"CO\"}", 400))).contains("companyDomain");
        assertThat(fields(post("{\"type\":\"FORM_FILL\",\"email\":\"not-an-email\"}", 400))).contains("email", "timeZone");
    }

    @Test
    void malformedJsonWrongShapesAndOversizeBodiesAreClientErrors() {
        assertThat(fields(post("{\"type\":", 400))).contains("body");
        assertThat(fields(post("[1,2]", 400))).contains("body");
        assertThat(fields(post("null", 400))).contains("body");
        assertThat(fields(post("", 400))).contains("body");
        assertThat(fields(post("{\"type\":\"FORM_FILL\",\"email\":\"a@b.co\",\"country\":\"CO\",\"pagesViewed\":\"/a|/b\",\"employees\":\"12x\"}", 400)))
                .contains("employees");
        String huge = "{\"type\":\"FORM_FILL\",\"source\":\"" + "x".repeat(70_000) + "\"}";
        post(huge, 413);
        var wrongType = api.post().uri("/api/leads").contentType(MediaType.TEXT_PLAIN).body("hello")
                .retrieve().toEntity(String.class);
        assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
    }

    @Test
    void aTriggerEventAndAReferralAreAccepted() {
        ResponseEntity<JsonNode> trigger = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "TRIGGER_EVENT", "companyDomain", "trigger-" + UUID.randomUUID().toString().substring(0, 6) + ".co",
                        "eventKind", "funding", "eventUrl", "https://news.example.com/funding", "country", "CO"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(trigger.getStatusCode().value()).isEqualTo(201);
        assertThat(trigger.getHeaders().getLocation().toString()).endsWith(trigger.getBody().get("id").asText());
        JsonNode referral = lead(postLead(Map.of("type", "REFERRAL", "email", uniqueEmail("ref", "pampatel.com.ar"),
                "referredBy", "Lucía Fernández", "country", "AR")));
        assertThat(referral.get("timeZone").asText()).isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(referral.get("language").asText()).isEqualTo("es");
        assertThat(referral.at("/details/referredBy").asText()).isEqualTo("Lucía Fernández");
    }

    @Test
    void aUrlTomcatRefusesIsA400ProblemNamingThePath() throws Exception {
        // An encoded NUL is refused by Tomcat itself, before the firewall or a controller sees the request.
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/leads/%00/unsubscribe"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json.readTree(response.body()).at("/errors/0/field").asText()).isEqualTo("path");
    }

    @Test
    void anUnknownLeadIs404() {
        var response = api.get().uri("/api/leads/{id}", UUID.randomUUID()).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(api.get().uri("/api/leads/not-a-uuid").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aCsvImportReportsEveryRowAndOneBadRowRejectsNothingElse() {
        String known = uniqueEmail("known", "andesnet.co");
        postLead(Map.of("type", "FORM_FILL", "email", known, "country", "CO"));
        String csv = """
                type,email,firstName,jobTitle,employees,country,pagesViewed
                FORM_FILL,%s,Rosa,CEO,500,MX,/a|/b
                FORM_FILL,not-an-email,Bad,CEO,-1,MX,
                FORM_FILL,%s,Known,CMO,,CO,
                FORM_FILL,%s,"Multi
                Line",CTO,10,ES,
                """.formatted(uniqueEmail("rosa", "telcomex.mx"), known, uniqueEmail("multi", "iberfibra.es"));
        JsonNode result = api.post().uri("/api/leads/import").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv).retrieve().body(JsonNode.class);

        assertThat(result.get("accepted").asInt()).isEqualTo(1);
        assertThat(result.get("merged").asInt()).isEqualTo(1);
        assertThat(result.get("rejected").asInt()).isEqualTo(2);
        JsonNode rejected = result.get("rows").get(1);
        assertThat(rejected.get("line").asInt()).isEqualTo(3);
        assertThat(fields(rejected)).contains("email", "employees");
        assertThat(fields(result.get("rows").get(3))).contains("firstName");
    }

    @Test
    void theOpenApiDescriptionIsServed() {
        JsonNode openApi = org.springframework.web.client.RestClient.create("http://localhost:" + port)
                .get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(openApi.at("/paths").has("/api/leads")).isTrue();
        assertThat(openApi.at("/paths").has("/api/leads/import")).isTrue();
        assertThat(openApi.at("/info/title").asText()).isEqualTo("leadflow API");
        assertThat(openApi.at("/info/description").asText()).startsWith("Inbound sales on Camunda 8");
        List<String> undocumented = new ArrayList<>();
        openApi.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().path("summary").asText().isBlank() || operation.getValue().path("tags").isEmpty()) {
                undocumented.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertThat(undocumented).as("operations without a summary or a tag").isEmpty();
        assertThat(openApi.at("/paths").has("/unsubscribe/{leadId}/{token}")).as("mails' links are no API").isFalse();
    }

    private JsonNode post(String body, int expectedStatus) {
        ResponseEntity<JsonNode> response = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(expectedStatus);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        return response.getBody();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
