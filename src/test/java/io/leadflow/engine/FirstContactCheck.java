package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A fit lead posted to a leadflow running in a JVM of its own, once it has the one open task it gets: its First contact. */
final class FirstContactCheck {

    private FirstContactCheck() {
    }

    static JsonNode leadWithItsTask(RestClient api, String email) {
        JsonNode created = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "FORM_FILL", "email", email, "firstName", "Rosa", "lastName", "Ruiz",
                        "jobTitle", "Director de Marketing", "company", "AndesNet", "country", "CO", "source", "ebook"))
                .retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        return await().atMost(Duration.ofMinutes(1)).until(
                () -> api.get().uri("/api/leads/{id}", id).retrieve().body(JsonNode.class),
                view -> view.get("openTasks").size() == 1);
    }
}
