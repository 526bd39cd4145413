package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.TestDatabase;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * leadflow as a user runs it (its own JVM, the embedded engine's data directory), stopped across the end of a lead's
 * working day: the lead's follow-up call falls due while it is down, its timer fires when leadflow starts again at
 * 19:52 in the lead's zone, and the call waits for the lead's next working moment instead of opening at night.
 */
@Order(3) // one of the longest classes: started first (junit-platform.properties)
class LateTimerAcrossStopIT {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final Duration PATIENCE = Duration.ofMinutes(8);

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(),
            new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    private final Path dataDir = Path.of("target", "late-timer-engine").toAbsolutePath();
    private final ChildJvm.Ports ports = ChildJvm.Ports.free();
    private TestDatabase database;
    private RestClient api;
    private ChildJvm leadflow;

    /** A database and a data directory of its own, so the lead is the only one there; ports free now. */
    @BeforeEach
    void freshDatabaseDataDirectoryAndPorts() throws IOException {
        database = TestDatabase.create("leadflow_late_timer");
        api = ports.api();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @AfterEach
    void stopLeadflow() throws Exception {
        if (leadflow != null) {
            leadflow.close();
        }
        database.drop();
    }

    @Test
    void aCallThatFellDueWhileLeadflowWasStoppedWaitsAfterHoursForTheNextWorkingMoment() throws Exception {
        leadflow = startLeadflow("before-stop");
        LocalDate tomorrow = now().atZone(BOGOTA).toLocalDate().plusDays(1);
        moveClockTo(calendar.startOfWorkingDay(calendar.workingDayOnOrAfter(tomorrow, "CO"), BOGOTA).plusHours(1));
        UUID id = postLead();
        JsonNode planned = await().atMost(PATIENCE).until(() -> lead(id), lead -> lead.get("sequence").size() == 5);
        ZonedDateTime call = OffsetDateTime.parse(planned.at("/sequence/2/plannedAt").asText()).atZoneSameInstant(BOGOTA);
        Instant callDue = OffsetDateTime.parse(planned.at("/sequence/2/due").asText()).toInstant();
        assertThat(planned.at("/sequence/2/channel").asText()).isEqualTo("call");

        // Five minutes before the follow-up call: the first call was given up, the step-2 email sent, the call waits.
        moveClockTo(call.minusMinutes(5));
        await().atMost(PATIENCE).until(() -> waitingForItsTime() && "done".equals(lead(id).at("/sequence/1/status").asText()));

        // Stopped across 17:00: leadflow starts again at 19:52 in the lead's zone.
        leadflow.stop();
        Files.writeString(dataDir.resolve("clock-offset"),
                Duration.between(Instant.now(), call.withHour(19).withMinute(52).toInstant()).toString());
        leadflow = startLeadflow("after-stop");

        ZonedDateTime nextWorkingMoment = calendar.startOfWorkingDay(
                calendar.workingDayOnOrAfter(call.toLocalDate().plusDays(1), "CO"), BOGOTA);
        Map<String, Object> delay = await().atMost(PATIENCE).until(() -> delayOf(id, 3), found -> !found.isEmpty());
        assertThat(delay.get("reason")).isEqualTo("OUTSIDE_WORKING_HOURS");
        assertThat(OffsetDateTime.parse((String) delay.get("to")).toInstant()).isEqualTo(nextWorkingMoment.toInstant());
        assertThat(callTasks(id)).as("call tasks opened by the delay").isEmpty();

        moveClockTo(nextWorkingMoment);

        List<Instant> dues = await().atMost(PATIENCE).until(() -> callTasks(id), tasks -> !tasks.isEmpty());
        assertThat(dues).containsExactly(calendar.addWorkingTime(nextWorkingMoment.toInstant(),
                calendar.workingTimeBetween(call.toInstant(), callDue, "CO", BOGOTA), "CO", BOGOTA).toInstant());
    }

    private ChildJvm startLeadflow(String name) throws Exception {
        return ChildJvm.leadflow("late-timer-" + name, ports, database, List.of(
                "--spring.profiles.active=demo",
                "--leadflow.engine.data-dir=" + dataDir));
    }

    private UUID postLead() {
        Map<String, Object> lead = Map.of("type", "FORM_FILL", "email", "late." + UUID.randomUUID().toString().substring(0, 8)
                        + "@andesnet.co", "firstName", "Noelia", "lastName", "Ruiz", "company", "AndesNet", "country", "CO",
                "jobTitle", "Director de Marketing", "source", "ebook");
        return UUID.fromString(api.post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON).body(lead)
                .retrieve().body(JsonNode.class).get("id").asText());
    }

    private JsonNode lead(UUID id) {
        return api.get().uri("/api/leads/{id}", id).retrieve().body(JsonNode.class);
    }

    /** leadflow's "now" (the demo clock). */
    private Instant now() {
        return Instant.parse(api.post().uri("/api/demo/clock?advance=PT0S").retrieve().body(JsonNode.class).get("now").asText());
    }

    private void moveClockTo(ZonedDateTime moment) {
        api.post().uri("/api/demo/clock?advance={d}", Duration.between(now(), moment.toInstant()).toString())
                .retrieve().toBodilessEntity();
    }

    /**
     * The process view shows the lead's attempt waiting for its time or a new plan (the only lead; before the stop, only
     * its third attempt waits there: the first call opened at once and the second attempt's time had passed).
     */
    private boolean waitingForItsTime() {
        for (JsonNode process : api.get().uri("/api/reports/process").retrieve().body(JsonNode.class).get("processes")) {
            for (JsonNode element : process.get("elements")) {
                if (element.get("elementId").asText().equals("Gateway_PlannedTimeOrNewPlan")) {
                    return element.get("waiting").asLong() == 1;
                }
            }
        }
        return false;
    }

    private Map<String, Object> delayOf(UUID id, int step) {
        for (JsonNode entry : api.get().uri("/api/leads/{id}/timeline", id).retrieve().body(JsonNode.class)) {
            if (entry.get("type").asText().equals("ATTEMPT_DELAYED") && entry.at("/details/step").asInt() == step) {
                return Map.of("reason", entry.at("/details/reason").asText(), "to", entry.at("/details/to").asText());
            }
        }
        return Map.of();
    }

    /** The dues of the lead's open follow-up calls. */
    private List<Instant> callTasks(UUID id) {
        List<Instant> dues = new ArrayList<>();
        lead(id).get("openTasks").forEach(task -> {
            if (task.get("name").asText().equals("Follow-up call")) {
                dues.add(OffsetDateTime.parse(task.get("due").asText()).toInstant());
            }
        });
        return dues;
    }
}
