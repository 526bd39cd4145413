package io.leadflow.intake.internal;

import io.leadflow.lead.BogotaLead;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.SequenceActionSlice;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceExits.Exit;
import io.leadflow.sequence.SequencePauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;

/**
 * The lead API's sequence and nurture actions on the web layer alone: the day of a pause or nurture checked, each exit
 * handed to SequenceExits, each pause to SequencePauses, each nurture change to Nurtures.
 */
@WebMvcTest(LeadSequenceController.class)
class LeadSequenceApiTest extends SequenceActionSlice {

    @Test
    void aBookedMeetingEndsTheSequenceWithItsTimeAndNotes() {
        assertThat(post("/api/leads/{id}/meetings", "{\"at\":\"2026-03-05T16:00:00Z\",\"notes\":\"Demo\"}")).hasStatus(HttpStatus.ACCEPTED);
        verify(exits).exit(LEAD, Exit.MEETING_BOOKED, Map.of("at", "2026-03-05T16:00:00Z", "notes", "Demo"));
    }

    @Test
    void aMeetingNeedsNoBody() {
        assertThat(post("/api/leads/{id}/meetings", null)).hasStatus(HttpStatus.ACCEPTED);
        verify(exits).exit(LEAD, Exit.MEETING_BOOKED, Map.of());
    }

    @Test
    void anUnsubscribeThroughTheApiEndsTheSequence() {
        assertThat(post("/api/leads/{id}/unsubscribe", null)).hasStatus(HttpStatus.ACCEPTED);
        verify(exits).exit(LEAD, Exit.UNSUBSCRIBED, Map.of("via", "api"));
    }

    @Test
    void aRepStopsTheSequenceWithAReason() {
        assertThat(post("/api/leads/{id}/sequence/stop", "{\"reason\":\"Wrong person\"}")).hasStatus(HttpStatus.ACCEPTED);
        verify(exits).stop(LEAD, Map.of("reason", "Wrong person"));
    }

    @Test
    void anExitForAnUnknownLeadIs404() {
        doThrow(new LeadNotFoundException(LEAD)).when(exits).stop(eq(LEAD), any());

        assertThat(post("/api/leads/{id}/sequence/stop", null)).hasStatus(HttpStatus.NOT_FOUND).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("No lead with id " + LEAD);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no body             |
            until missing       | {}
            until blank         | {"until":" "}
            until not a date    | {"until":"next monday"}
            until with a time   | {"until":"2027-03-10T10:00"}
            until in the past   | {"until":"2027-02-26"}
            until today         | {"until":"2027-03-01"}
            """)
    void aBadPauseOrNurtureDateIsA400NamingUntil(String why, String request) {
        for (String uri : List.of("/api/leads/{id}/sequence/pause", "/api/leads/{id}/nurture/until")) {
            assertThat(post(uri, request)).as(uri).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("until");
        }
        verifyNoInteractions(pauses, nurtures);
    }

    @Test
    void aPauseUntilADayAfterTheLeadsTodayMovesTheAttemptsToCome() {
        // 2 March is today in UTC but tomorrow in Bogotá.
        LocalDate until = LocalDate.parse("2027-03-02");
        var at = OffsetDateTime.parse("2027-03-02T10:00:00-05:00").atZoneSameInstant(BogotaLead.ZONE);
        when(pauses.pause(LEAD, until, null)).thenReturn(new SequencePauses.Schedule(until,
                List.of(new PlannedAttempt(2, Channel.EMAIL, at, at.withHour(17)))));

        assertThat(post("/api/leads/{id}/sequence/pause", "{\"until\":\"2027-03-02\"}")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"pausedUntil":"2027-03-02","attempts":[{"step":2,"channel":"EMAIL","plannedAt":"2027-03-02T10:00:00-05:00",
                 "due":"2027-03-02T17:00:00-05:00"}]}""");
    }

    @Test
    void aPauseOrResumeOfALeadWithoutARunningSequenceIsA409() {
        when(pauses.pause(eq(LEAD), any(), any())).thenThrow(new ConflictException("Lead " + LEAD + " has no running sequence"));
        when(pauses.resume(LEAD, null)).thenThrow(new ConflictException("Lead " + LEAD + " has no running sequence"));

        assertThat(post("/api/leads/{id}/sequence/pause", "{\"until\":\"2027-03-10\"}")).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.detail")
                .isEqualTo("Lead " + LEAD + " has no running sequence");
        assertThat(post("/api/leads/{id}/sequence/resume", null)).hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void aPauseOfAnUnknownLeadIs404() {
        when(leads.get(LEAD)).thenThrow(new LeadNotFoundException(LEAD));

        assertThat(post("/api/leads/{id}/sequence/pause", "{\"until\":\"2027-03-10\"}")).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(pauses);
    }

    @Test
    void aResumeAnswersTheAttemptsToCome() {
        when(pauses.resume(LEAD, null)).thenReturn(new SequencePauses.Schedule(null, List.of()));

        assertThat(post("/api/leads/{id}/sequence/resume", null)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"pausedUntil\":null,\"attempts\":[]}");
    }

    @Test
    void aReEnrolmentOfALeadNotInNurtureOrReEnrolledAlreadyIsA409Problem() {
        doThrow(new Nurtures.NotInNurture()).when(nurtures).reEnrol(eq(LEAD), any());

        assertThat(post("/api/leads/{id}/nurture/re-enrol", null)).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.detail")
                .isEqualTo("The lead is not in nurture, or was re-enrolled already");
    }

    @Test
    void aNurtureDateChangeForALeadNotNurturedUntilADayIsA409Problem() {
        doThrow(new Nurtures.NotNurturedUntilADate()).when(nurtures).changeDate(eq(LEAD), any(), any());

        assertThat(post("/api/leads/{id}/nurture/until", "{\"until\":\"2027-04-15\"}")).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.detail")
                .isEqualTo("The lead is not in nurture until a date, or was re-enrolled already");
    }}
