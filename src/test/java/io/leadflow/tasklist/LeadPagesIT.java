package io.leadflow.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a lead and acting on it, on the whole application: the API's search, the lead's page, an action taken once. */
class LeadPagesIT extends LeadflowIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void aManagerFindsALeadReadsItsHistoryStopsItsSequenceAndReassignsItOnce() throws Exception {
        String company = "Telcomex " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> wanted = new HashMap<>(mqlLead("Maria"));
        wanted.put("company", company);
        UUID maria = postLead(wanted);
        Map<String, Object> colleague = new HashMap<>(mqlLead("Mario"));
        colleague.put("company", company);
        UUID mario = postLead(colleague);
        postLead(mqlLead("Marina"));
        JsonNode lead = awaitLead(maria, l -> openTask(l, "First contact") != null && !l.get("sequence").isEmpty());

        JsonNode found = api.get().uri("/api/leads?q={q}&size=1", company.toLowerCase()).retrieve().body(JsonNode.class);
        assertThat(found.get("leads")).hasSize(1);
        assertThat(found.at("/leads/0/id").asText()).as("the newest first").isEqualTo(mario.toString());
        JsonNode older = api.get().uri("/api/leads?q={q}&size=1&cursor={next}", company.toLowerCase(), found.get("next").asText())
                .retrieve().body(JsonNode.class);
        assertThat(older.at("/leads/0/id").asText()).isEqualTo(maria.toString());
        assertThat(older.at("/leads/0/owner").asText()).isEqualTo(lead.get("owner").asText());
        assertThat(older.get("next").isNull()).as("the last page").isTrue();
        assertThat(api.get().uri("/api/leads?q={q}", company.replace(' ', '_')).retrieve().body(JsonNode.class).get("leads"))
                .as("_ is no wildcard").isEmpty();

        HttpClient marta = signedIn("marta");
        assertThat(send(marta, "/leads?q=" + encode(company)).body()).contains("href=\"/leads/" + maria + "\"");
        HttpResponse<String> page = send(marta, "/leads/" + maria + "?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Stage history", "MQL (marketing qualified)", "decided by", "Arrived as a form fill",
                "First contact");

        HttpResponse<String> stopped = postForm(marta, "/leads/" + maria, "/leads/" + maria + "/sequence/stop",
                "back=lead&reason=" + encode("Met at an event"));
        assertThat(stopped.statusCode()).isEqualTo(302);
        assertThat(stopped.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(to -> assertThat(to).endsWith("/leads/" + maria));
        HttpResponse<String> again = postForm(marta, "/leads/" + maria, "/leads/" + maria + "/sequence/stop", "back=lead");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Not possible now");
        var viaApi = api.post().uri("/api/leads/{id}/sequence/stop", maria).retrieve().toEntity(JsonNode.class);
        assertThat(viaApi.getStatusCode().value()).isEqualTo(409);
        assertThat(viaApi.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        awaitTimeline(maria, "SEQUENCE_ENDED");
        assertThat(timelineTypes(maria).stream().filter("STOPPED"::equals)).hasSize(1);
        assertThat(send(marta, "/leads/" + maria + "?lang=es").body()).contains("Historial completo", "Met at an event");

        String owner = lead.get("owner").asText();
        HttpResponse<String> reassigned = postForm(marta, "/leads/" + maria, "/leads/" + maria + "/reassign", "from=" + encode(owner));
        assertThat(reassigned.statusCode()).isEqualTo(302);
        assertThat(lead(maria).get("owner").asText()).isNotEqualTo(owner);
        assertThat(postForm(marta, "/leads/" + maria, "/leads/" + maria + "/reassign", "from=" + encode(owner)).statusCode())
                .as("the page seen before the first reassignment").isEqualTo(409);
        assertThat(timelineTypes(maria).stream().filter("REASSIGNED"::equals)).hasSize(1);
    }

    private HttpClient signedIn(String username) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signedIn = postForm(browser, "/login", "/login",
                "username=" + encode(username) + "&password=" + encode(username));
        assertThat(signedIn.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(to -> assertThat(to).endsWith("/tasks"));
        return browser;
    }

    /** Posts a form as a browser does, with the CSRF token of the page it is on. */
    private HttpResponse<String> postForm(HttpClient browser, String pagePath, String action, String form) throws Exception {
        Matcher csrf = CSRF.matcher(send(browser, pagePath).body());
        assertThat(csrf.find()).as("the CSRF token on %s", pagePath).isTrue();
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
