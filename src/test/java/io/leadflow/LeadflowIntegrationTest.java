package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.Transport;
import io.camunda.client.CamundaClient;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.calendar.BusinessHoursCalendar;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.leadflow.engine.EngineClock;
import io.leadflow.engine.EngineRecords;
import io.leadflow.engine.embedded.EmbeddedZeebe;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole of leadflow, as it runs: the real Zeebe engine, PostgreSQL and the GreenMail SMTP/IMAP server, driven
 * through its HTTP API. Each test class has a leadflow of its own (database, engine and its clock, mail server, ports:
 * {@link IsolatedInfrastructure}), closed after it, so no class sees another's leads or clock moves. Two classes' leadflows
 * start and stop side by side ({@link ParallelContextStarts}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = IsolatedInfrastructure.class)
@ContextCustomizerFactories(ContextPerTestClass.class)
@TestExecutionListeners(listeners = ParallelContextStarts.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DirtiesContext
public abstract class LeadflowIntegrationTest {

    /** A bound, never a wait: on a machine running two builds at once a lead takes more than 30 s to reach its rep. */
    protected static final Duration PATIENCE = Duration.ofMinutes(2);
    protected static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

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
    @Value("${leadflow.mail.inbox.port}")
    protected int imapPort;
    @Value("${spring.mail.port}")
    protected int smtpPort;
    @Autowired
    protected RepTaskService tasks;
    @Autowired
    protected BusinessHoursCalendar calendar;
    @Autowired
    private CamundaClient camunda;
    @Autowired
    private ProcessEngine engine;
    @Autowired
    private JdbcClient database;
    @Autowired
    private EmbeddedZeebe embeddedEngine;

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

    /** The lead's timeline entries of that type, in order. */
    protected List<JsonNode> timeline(UUID id, String type) {
        List<JsonNode> entries = new ArrayList<>();
        api.get().uri("/api/leads/{id}/timeline", id).retrieve().body(JsonNode.class).forEach(entry -> {
            if (entry.get("type").asText().equals(type)) {
                entries.add(entry);
            }
        });
        return entries;
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

    /** The first part of that type of a mail, or null. */
    protected static String part(jakarta.mail.Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    protected List<Message> awaitMail(String address, int count) {
        return await().atMost(PATIENCE).until(() -> mailbox(address), messages -> messages.size() >= count);
    }

    /**
     * Waits until the leads' processes are at rest at the clock's "now" ({@link EngineRecords#workUnderWay}): every timer
     * due has fired, every job but a rep's task is done, with what it recorded, and every rep's task open is stored. What
     * a test then finds has not happened does not happen until the clock moves or someone acts: the positive signal for
     * a check of "nothing".
     */
    protected void awaitAtRest(UUID... leads) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            EngineRecords records = engineRecords();
            for (UUID lead : leads) {
                Set<Long> instances = records.instancesOf(lead.toString());
                assertThat(instances).as("the processes of lead %s", lead).isNotEmpty();
                assertThat(records.workUnderWay(instances, clock.instant(), EngineRecords.LEADFLOW_WORKERS))
                        .as("what still moves for lead %s", lead).isEmpty();
                // A rep's task is taken by its worker, which stores it with its timeline entry: at rest once stored.
                for (long job : records.openRepTaskJobs(instances)) {
                    assertThat(database.sql("select count(*) from rep_task where job_key = :job").param("job", job)
                            .query(Long.class).single()).as("the rep's task of job %d stored", job).isPositive();
                }
            }
        });
    }

    /** The engine's records so far, for what the API does not show (a timer's due). */
    protected EngineRecords engineRecords() {
        return EngineRecords.readAll(embeddedEngine.newLogReader());
    }

    /** Touches wait for the MQL lead's working time (Bogotá): moves the clocks there if it is not. */
    protected void reachWorkingTime() {
        Duration ahead = Duration.between(clock.instant(), calendar.nextWorkingMoment(clock.instant(), "CO", BOGOTA).toInstant());
        if (ahead.isPositive()) {
            engineClock.advance(ahead.plusSeconds(1));
        }
    }

    /** An MQL lead whose First contact went unanswered, and the follow-up email it got. */
    protected record LeadAfterMissedCall(UUID id, String email, Message followUp) {
    }

    protected LeadAfterMissedCall leadAfterMissedCall(String firstName) {
        Map<String, Object> submitted = mqlLead(firstName);
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);
        complete(id, "First contact", Map.of("outcome", "no-answer"));
        reachWorkingTime();
        return new LeadAfterMissedCall(id, email, awaitMail(email, 1).getFirst());
    }

    /** Ana completes the lead's open task of that name. */
    protected void complete(UUID id, String task, Map<String, Object> values) {
        JsonNode lead = awaitLead(id, l -> openTask(l, task) != null);
        tasks.complete(openTask(lead, task).get("id").asLong(), "ana", false, values);
    }

    /** The meeting qualifies the lead (SQL), the proposal meeting is held (opportunity), the deal is won. */
    protected void winTheDeal(UUID id) {
        Map<String, Object> answers = new HashMap<>(Map.of("decision", "sql"));
        for (String field : List.of("goals", "plans", "challenges", "timeline", "budget", "authority")) {
            answers.put(field, field + " answered");
        }
        complete(id, "Qualify lead", answers);
        complete(id, "Prepare proposal or demo", Map.of("meetingDate", "2027-03-02", "meetingHeld", true));
        complete(id, "Record deal outcome", Map.of("outcome", "won"));
        awaitLead(id, l -> "CUSTOMER".equals(l.get("stage").asText()));
    }

    /** The engine withdraws the lead's task (its process is cancelled) while leadflow still shows it open. */
    protected void withdrawInTheEngine(UUID leadId, long jobKey) {
        Long instance = await().atMost(PATIENCE).until(() -> database.sql("select process_instance_key from lead_process where lead_id = ?")
                .param(leadId).query(Long.class).optional().orElse(null), key -> key != null);
        camunda.newCancelInstanceCommand(instance).send().join();
        await().atMost(PATIENCE).until(() -> !engine.jobExists(jobKey));
    }

    /** The lead's answer to a mail leadflow sent, as a mail client writes it. */
    protected MimeMessage reply(String from, Message original, String text, Map<String, String> headers) throws MessagingException {
        MimeMessage reply = (MimeMessage) original.reply(false);
        reply.setFrom(new InternetAddress(from));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress("leadflow@leadflow.local"));
        reply.setText(text, "UTF-8");
        for (var header : headers.entrySet()) {
            reply.setHeader(header.getKey(), header.getValue());
        }
        return reply;
    }

    /** Delivers a mail to leadflow's inbox through the embedded SMTP server. */
    protected void sendToInbox(MimeMessage message) throws MessagingException {
        send(message, new InternetAddress("leadflow@leadflow.local"));
    }

    /** The lead hits "Reply" on a mail leadflow sent: the answer goes where the mail's Reply-To says. */
    protected MimeMessage replyAsALeadDoes(String from, Message original, String text) throws MessagingException {
        MimeMessage reply = (MimeMessage) original.reply(false);
        reply.setFrom(new InternetAddress(from));
        reply.setText(text, "UTF-8");
        send(reply, reply.getAllRecipients());
        return reply;
    }

    private void send(MimeMessage message, jakarta.mail.Address... recipients) throws MessagingException {
        MimeMessage copy = new MimeMessage(smtpSession(), new java.io.ByteArrayInputStream(bytes(message)));
        Transport.send(copy, recipients);
    }

    protected Session smtpSession() {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        return Session.getInstance(properties);
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        try {
            message.saveChanges();
            var out = new java.io.ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /**
     * A manager's retry posted twice at {@code uri}: the first is taken (202, by the API key's user), the second is
     * refused (409 problem) as what it retries is no longer waiting for one.
     */
    protected void assertRetriedOnce(String uri, Object key) {
        ResponseEntity<JsonNode> retried = api.post().uri(uri, key).retrieve().toEntity(JsonNode.class);
        ResponseEntity<JsonNode> again = api.post().uri(uri, key).retrieve().toEntity(JsonNode.class);

        assertThat(retried.getStatusCode().value()).isEqualTo(202);
        assertThat(retried.getBody().get("by").asText()).isEqualTo("api");
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }
}
