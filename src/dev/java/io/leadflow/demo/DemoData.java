package io.leadflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.tasklist.TaskNotOpenException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Posts {@code leadflow.demo.seed} realistic leads through the API at start (profile {@code demo}) and plays the reps
 * and the leads over a few days of demo clock: first calls made on time or late (SLA breaches), meetings booked and
 * deals won or lost, replies to the sequence's emails, unsubscribes. The managers' reports, Prometheus and Grafana
 * then have numbers. The same seed gives the same mix.
 */
@Component
@Profile("demo")
@EnableConfigurationProperties(DemoProperties.class)
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String[][] PEOPLE = {
            {"Laura", "Gómez"}, {"Andrés", "Pérez"}, {"Camila", "Rodríguez"}, {"Mateo", "Fernández"}, {"Valentina", "López"},
            {"Santiago", "Martínez"}, {"Isabella", "García"}, {"Sebastián", "Sánchez"}, {"Lucía", "Ramírez"}, {"Diego", "Torres"},
            {"Martina", "Flores"}, {"Tomás", "Rivera"}, {"Sofía", "Morales"}, {"Joaquín", "Castro"}, {"Emma", "Walker"}};
    /** Job titles from decision makers to people the profile does not fit. */
    private static final String[] TITLES = {"Director de Marketing", "CEO", "Gerente Comercial", "Head of Growth",
            "VP of Sales", "Marketing Manager", "Fundador", "Analista de Marketing", "Estudiante", "Coordinadora de Ventas"};
    private static final String[] SOURCES = {"ebook", "webinar", "google-ads", "linkedin", "partner", "event"};
    /** Domain, name and country of companies the built-in enrichment knows (enrichment/companies.csv). */
    private static final String[][] COMPANIES = {{"telcomex.mx", "Telcomex", "MX"}, {"andesnet.co", "AndesNet", "CO"},
            {"pampatel.com.ar", "PampaTel", "AR"}, {"chilecom.cl", "ChileCom", "CL"}, {"iberfibra.es", "IberFibra", "ES"},
            {"retailmx.com.mx", "RetailMX", "MX"}, {"finandina.co", "Finandina", "CO"}, {"smallshop.mx", "Small Shop", "MX"},
            {"acme-analytics.com", "Acme Analytics", "US"}, {"northwind.com", "Northwind Traders", "US"}};

    /** What a lead will do (its rep, then itself). */
    enum Fate { MEETING_WON, MEETING_LOST, REPLIES, UNSUBSCRIBES, BREACHED, NO_ANSWER }

    private record DemoLead(UUID id, String email, Fate fate) {
    }

    private final DemoProperties settings;
    private final RepTaskService tasks;
    private final JavaMailSender mail;
    private final Environment environment;
    private final String inbox;

    DemoData(DemoProperties settings, RepTaskService tasks, JavaMailSender mail, Environment environment,
             @Value("${leadflow.mail.inbox.address:leadflow@leadflow.local}") String inbox) {
        this.settings = settings;
        this.tasks = tasks;
        this.mail = mail;
        this.environment = environment;
        this.inbox = inbox;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (settings.seed() > 0) {
            Thread.ofVirtual().name("demo-data").start(this::run);
        }
    }

    private void run() {
        RestClient api = RestClient.builder().baseUrl("http://127.0.0.1:" + environment.getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + environment.getProperty("leadflow.security.api-key"))
                .build();
        Random random = new Random(settings.seed());
        try {
            List<DemoLead> leads = new ArrayList<>();
            List<DemoLead> contacted = new ArrayList<>();
            for (int i = 0; i < settings.seed(); i++) {
                leads.add(post(api, random, i));
                if (i % 25 == 24 || i == settings.seed() - 1) {
                    // The reps call this batch's MQLs before the day goes on, so only the leads meant to breach do.
                    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
                    leads.subList(i - i % 25, i + 1).stream().filter(lead -> firstCall(lead, deadline)).forEach(contacted::add);
                    advance(api, Duration.ofHours(3)); // leads arrive through the working day, not all at once
                }
            }
            log.info("Demo data: {} leads posted, {} first calls made", leads.size(), contacted.size());
            advance(api, Duration.ofHours(6)); // late first calls breach; follow-up emails go out
            for (DemoLead lead : contacted) {
                switch (lead.fate()) {
                    case REPLIES -> reply(api, lead);
                    case UNSUBSCRIBES -> api.post().uri("/api/leads/{id}/unsubscribe", lead.id()).retrieve().toBodilessEntity();
                    default -> { }
                }
            }
            for (DemoLead lead : contacted) {
                if (lead.fate() == Fate.MEETING_WON || lead.fate() == Fate.MEETING_LOST) {
                    advise(lead);
                }
            }
            advance(api, Duration.ofDays(3)); // the sequences' next attempts
            log.info("Demo data: done ({} leads)", leads.size());
        } catch (RuntimeException | MessagingException e) {
            log.warn("Demo data stopped: {}", e.getMessage(), e);
        }
    }

    private DemoLead post(RestClient api, Random random, int index) {
        String[] person = PEOPLE[random.nextInt(PEOPLE.length)];
        String[] company = COMPANIES[random.nextInt(COMPANIES.length)];
        String email = ascii(person[0] + "." + person[1] + "." + index) + "@" + company[0];
        Map<String, Object> lead = new LinkedHashMap<>();
        boolean referral = random.nextInt(10) == 0;
        lead.put("type", referral ? "REFERRAL" : "FORM_FILL");
        lead.put("email", email);
        lead.put("firstName", person[0]);
        lead.put("lastName", person[1]);
        lead.put("jobTitle", TITLES[random.nextInt(TITLES.length)]);
        lead.put("company", company[1]);
        lead.put("country", company[2]);
        lead.put("source", referral ? "partner" : SOURCES[random.nextInt(SOURCES.length)]);
        if (referral) {
            lead.put("referredBy", "Lucía Fernández");
        }
        JsonNode created = api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON).body(lead).retrieve().body(JsonNode.class);
        int roll = random.nextInt(100);
        Fate fate = roll < 8 ? Fate.MEETING_WON : roll < 15 ? Fate.MEETING_LOST : roll < 30 ? Fate.REPLIES
                : roll < 36 ? Fate.UNSUBSCRIBES : roll < 50 ? Fate.BREACHED : Fate.NO_ANSWER;
        return new DemoLead(UUID.fromString(created.get("id").asText()), email, fate);
    }

    /** Lower-case ASCII for an address: "Andrés" → "andres". */
    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }

    /**
     * The rep's first call on an MQL (a lead the profile does not fit gets none, found when the batch's deadline
     * passes); returns whether it was made.
     */
    private boolean firstCall(DemoLead lead, Instant deadline) {
        if (lead.fate() == Fate.BREACHED) {
            return false;
        }
        boolean meeting = lead.fate() == Fate.MEETING_WON || lead.fate() == Fate.MEETING_LOST;
        return awaitTask(lead.id(), "First contact", deadline)
                .filter(task -> complete(task, Map.of("outcome", meeting ? "meeting-booked" : "no-answer")))
                .isPresent();
    }

    /** The lead answers the last email leadflow sent it, as a mail client does. */
    private void reply(RestClient api, DemoLead lead) throws MessagingException {
        String messageId = null;
        String subject = null;
        for (JsonNode entry : api.get().uri("/api/leads/{id}/timeline", lead.id()).retrieve().body(JsonNode.class)) {
            if ("EMAIL_SENT".equals(entry.get("type").asText())) {
                messageId = entry.at("/details/messageId").asText();
                subject = entry.at("/details/subject").asText();
            }
        }
        if (messageId == null) {
            return;
        }
        MimeMessage answer = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(answer, "UTF-8");
        helper.setFrom(lead.email());
        helper.setTo(inbox);
        helper.setSubject("Re: " + subject);
        helper.setText("Hola, sí me interesa. ¿Podemos hablar el jueves?");
        answer.setHeader("In-Reply-To", messageId);
        answer.setHeader("References", messageId);
        mail.send(answer);
    }

    /** Qualify, demo and deal outcome, as the rep records them. */
    private void advise(DemoLead lead) {
        awaitTask(lead.id(), "Qualify lead", Instant.now().plus(PATIENCE)).ifPresent(task -> complete(task, Map.of("decision", "sql",
                "goals", "Grow pipeline 20%", "plans", "New CRM this quarter", "challenges", "Leads lost between teams",
                "timeline", "This quarter", "budget", "Approved", "authority", "Signs the contract")));
        awaitTask(lead.id(), "Prepare proposal or demo", Instant.now().plus(PATIENCE)).ifPresent(task -> complete(task,
                Map.of("meetingDate", LocalDate.now().plusDays(2).toString(), "meetingHeld", true)));
        Map<String, Object> outcome = lead.fate() == Fate.MEETING_WON ? Map.of("outcome", "won")
                : Map.of("outcome", "lost", "lostReason", "price");
        awaitTask(lead.id(), "Record deal outcome", Instant.now().plus(PATIENCE)).ifPresent(task -> complete(task, outcome));
    }

    private Optional<RepTask> awaitTask(UUID leadId, String name, Instant until) {
        do {
            Optional<RepTask> task = tasks.openTasksOfLead(leadId).stream().filter(t -> t.name().equals(name)).findFirst();
            if (task.isPresent()) {
                return task;
            }
            sleep();
        } while (Instant.now().isBefore(until));
        return Optional.empty();
    }

    /** Works the task as its rep would; false when the process took it back meanwhile (its window closed). */
    private boolean complete(RepTask task, Map<String, Object> values) {
        try {
            return tasks.complete(task.jobKey(), task.assignee(), true, values).delivery() != RepTask.Delivery.PROCESS_MOVED_ON;
        } catch (TaskNotOpenException e) {
            return false;
        }
    }

    private static void advance(RestClient api, Duration by) {
        api.post().uri("/api/demo/clock?advance={by}", by).retrieve().toBodilessEntity();
        sleep();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo data interrupted", e);
        }
    }
}
