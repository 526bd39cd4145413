package io.leadflow.sequence.internal;

import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.SequenceExits;
import io.leadflow.sequence.SequenceExits.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;

/** The sequence API on the web layer alone: preview input checked field by field, each exit handed to SequenceExits. */
@WebMvcTest(SequenceController.class)
@WithApiKeySecurity
class SequenceApiTest {

    private static final UUID LEAD = UUID.fromString("6f1c1a52-0c8e-4b8e-9d7e-3c2f0a4b5d61");

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    SequenceExits exits;
    @MockitoBean
    SequencePreview preview;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing given      | {}                                                                                 | start country timeZone
            start missing      | {"country":"CO","timeZone":"America/Bogota"}                                       | start
            start not ISO      | {"start":"next monday","country":"CO","timeZone":"America/Bogota"}                 | start
            start without zone | {"start":"2026-03-02T10:00","country":"CO","timeZone":"America/Bogota"}            | start
            country not ISO    | {"start":"2026-03-02T15:00:00Z","country":"Colombia","timeZone":"America/Bogota"}  | country
            bad time zone      | {"start":"2026-03-02T15:00:00Z","country":"CO","timeZone":"Bogota"}                | timeZone
            """)
    void aBadPreviewRequestIsA400NamingTheFieldsAtFault(String why, String request, String fieldsAtFault) {
        assertThat(post("/api/sequences/preview", request)).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder((Object[]) fieldsAtFault.split(" "));
        verifyNoInteractions(preview);
    }

    @Test
    void aValidPreviewIsPlannedInTheLeadsCountryAndZone() {
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00:00-05:00");
        when(preview.preview(any(), any(), any()))
                .thenReturn(List.of(new SequencePreview.PreviewAttempt(1, Channel.EMAIL, at, at.plusHours(4))));

        assertThat(post("/api/sequences/preview", "{\"start\":\"2026-03-02T15:00:00Z\",\"country\":\"co\",\"timeZone\":\"America/Bogota\"}"))
                .hasStatusOk().bodyJson().isStrictlyEqualTo("""
                        [{"step":1,"channel":"EMAIL","at":"2026-03-02T10:00:00-05:00","due":"2026-03-02T14:00:00-05:00"}]""");
        verify(preview).preview(Instant.parse("2026-03-02T15:00:00Z"), "CO", ZoneId.of("America/Bogota"));
    }

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
        verify(exits).exit(LEAD, Exit.STOPPED, Map.of("reason", "Wrong person"));
    }

    @Test
    void anExitForAnUnknownLeadIs404() {
        doThrow(new LeadNotFoundException(LEAD)).when(exits).exit(eq(LEAD), any(), any());

        assertThat(post("/api/leads/{id}/sequence/stop", null)).hasStatus(HttpStatus.NOT_FOUND).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("No lead with id " + LEAD);
    }

    /** An authorised POST to the URI (its {id} is {@link #LEAD}), with the JSON body if there is one. */
    private MockMvcTester.MockMvcRequestBuilder post(String uri, String json) {
        var request = mvc.post().uri(uri, LEAD).header(AUTHORIZATION, WithApiKeySecurity.BEARER);
        return json == null ? request : request.contentType(APPLICATION_JSON).content(json);
    }
}
