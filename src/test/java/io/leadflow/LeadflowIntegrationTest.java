package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.leadflow.engine.EngineClock;
import io.leadflow.platform.MovableClock;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The whole of leadflow, as it runs: the real Zeebe engine, PostgreSQL (database leadflow_test) and
 * the GreenMail SMTP/IMAP server, driven through its HTTP API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class LeadflowIntegrationTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected EngineClock engineClock;
    @Autowired
    protected MovableClock clock;
    @Autowired
    protected GreenMail mailServer;
    @Value("${leadflow.mail.embedded.imap-port}")
    protected int imapPort;

    protected RestClient api;

    @BeforeEach
    void connectApi() {
        api = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer dev-api-key")
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /** A fitting decision maker (MQL) with an address no other test uses. */
    protected Map<String, Object> mqlLead(String firstName) {
        return Map.of("type", "FORM_FILL", "email", uniqueEmail(firstName, "andesnet.co"), "firstName", firstName,
                "lastName", "Ruiz", "jobTitle", "Director de Marketing", "company", "AndesNet", "country", "CO",
                "source", "ebook");
    }

    protected static String uniqueEmail(String name, String domain) {
        return name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    protected UUID postLead(Map<String, Object> lead) {
        JsonNode created = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON).body(lead)
                .retrieve().body(JsonNode.class);
        return UUID.fromString(created.get("id").asText());
    }

    protected JsonNode lead(UUID id) {
        return api.get().uri("/api/leads/{id}", id).retrieve().body(JsonNode.class);
    }

    protected JsonNode awaitLead(UUID id, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).until(() -> lead(id), condition::test);
    }

    protected List<String> timelineTypes(UUID id) {
        List<String> types = new ArrayList<>();
        api.get().uri("/api/leads/{id}/timeline", id).retrieve().body(JsonNode.class).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    protected void awaitTimeline(UUID id, String type) {
        await().atMost(PATIENCE).until(() -> timelineTypes(id).contains(type));
    }

    protected static JsonNode openTask(JsonNode lead, String name) {
        for (JsonNode task : lead.get("openTasks")) {
            if (task.get("name").asText().equals(name)) {
                return task;
            }
        }
        return null;
    }

    /** Reads a mailbox of the embedded mail server over IMAP, as any mail client would. */
    protected List<Message> mailbox(String address) {
        Properties properties = new Properties();
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Message> messages = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                messages.add(new jakarta.mail.internet.MimeMessage((jakarta.mail.internet.MimeMessage) message));
            }
            inbox.close(false);
            return messages;
        } catch (MessagingException e) {
            return List.of();
        }
    }

    protected List<Message> awaitMail(String address, int count) {
        return await().atMost(PATIENCE).until(() -> mailbox(address), messages -> messages.size() >= count);
    }
}
