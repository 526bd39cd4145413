package io.leadflow.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A lead's sequence paused until a day on the real engine: the attempts to come wait for it, keeping their spacing. */
class SequencePauseIT extends LeadflowIntegrationTest {

    @Test
    void aPausedSequenceSendsItsNextEmailAtTheFirstWorkingSlotAfterThePause() {
        LeadAfterMissedCall lead = leadAfterMissedCall("Paula");
        complete(lead.id(), "Social touch after call", Map.of("action", "commented"));
        List<Instant> planned = plannedAt(lead(lead.id()));
        LocalDate until = clock.instant().atZone(BOGOTA).toLocalDate().plusDays(10);
        ZonedDateTime firstSlot = calendar.startOfWorkingDay(calendar.workingDayOnOrAfter(until, "CO"), BOGOTA).plusHours(1);

        JsonNode paused = pause(lead.id(), until);

        assertThat(paused.get("pausedUntil").asText()).isEqualTo(until.toString());
        assertThat(paused.at("/attempts/0/step").asInt()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(paused.at("/attempts/0/plannedAt").asText()).toInstant()).isEqualTo(firstSlot.toInstant());
        List<Instant> moved = plannedAt(lead(lead.id()));
        assertThat(moved.getFirst()).as("the call made").isEqualTo(planned.getFirst());
        assertThat(moved.get(1)).isEqualTo(firstSlot.toInstant());
        for (int i = 2; i < moved.size(); i++) {
            assertThat(workingTimeBetween(moved.get(i - 1), moved.get(i))).as("working time before step %d", i + 1)
                    .isEqualTo(workingTimeBetween(planned.get(i - 1), planned.get(i)));
        }
        assertThat(pause(lead.id(), until)).as("the same pause again").isEqualTo(paused);
        assertThat(timelineTypes(lead.id()).stream().filter("SEQUENCE_PAUSED"::equals)).hasSize(1);

        engineClock.advance(Duration.between(clock.instant(), planned.get(1)).plusHours(1));
        awaitAtRest(lead.id());
        assertThat(timelineTypes(lead.id()).stream().filter("EMAIL_SENT"::equals))
                .as("no email at the time planned before the pause").hasSize(1);

        engineClock.advance(Duration.between(clock.instant(), firstSlot.toInstant()).plusSeconds(1));
        awaitMail(lead.email(), 2);
        assertThat(lead(lead.id()).at("/sequence/1/status").asText()).isEqualTo("done");
    }

    @Test
    void aResumeBeforeThePauseEndsPutsTheAttemptsBackAndAnEndedSequenceCannotBePaused() {
        LeadAfterMissedCall lead = leadAfterMissedCall("Rosa");
        List<Instant> planned = plannedAt(lead(lead.id()));
        pause(lead.id(), clock.instant().atZone(BOGOTA).toLocalDate().plusDays(20));

        JsonNode resumed = api.post().uri("/api/leads/{id}/sequence/resume", lead.id()).retrieve().body(JsonNode.class);

        assertThat(resumed.get("pausedUntil").isNull()).isTrue();
        // The next attempt was still to come when the pause ended: the plan is as it was.
        assertThat(plannedAt(lead(lead.id()))).isEqualTo(planned);
        assertThat(timelineTypes(lead.id())).contains("SEQUENCE_PAUSED", "SEQUENCE_RESUMED");

        api.post().uri("/api/leads/{id}/sequence/stop", lead.id()).retrieve().toBodilessEntity();
        awaitTimeline(lead.id(), "SEQUENCE_ENDED");
        var refused = api.post().uri("/api/leads/{id}/sequence/pause", lead.id()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("until", clock.instant().atZone(BOGOTA).toLocalDate().plusDays(5).toString())).retrieve()
                .toEntity(JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").asText()).contains("no running sequence");
    }

    private JsonNode pause(UUID id, LocalDate until) {
        return api.post().uri("/api/leads/{id}/sequence/pause", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("until", until.toString())).retrieve().body(JsonNode.class);
    }

    private static List<Instant> plannedAt(JsonNode lead) {
        List<Instant> planned = new ArrayList<>();
        lead.get("sequence").forEach(step -> planned.add(OffsetDateTime.parse(step.get("plannedAt").asText()).toInstant()));
        return planned;
    }

    private Duration workingTimeBetween(Instant from, Instant to) {
        return calendar.workingTimeBetween(from, to, "CO", BOGOTA);
    }
}
