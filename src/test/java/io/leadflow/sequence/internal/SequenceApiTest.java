package io.leadflow.sequence.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ConflictException;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceExits;
import io.leadflow.sequence.SequenceExits.Exit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The sequence API and the task list's sequence buttons on the web layer alone: preview and pause input checked field
 * by field, each exit handed to SequenceExits, each pause to SequencePauses.
 */
@WebMvcTest({SequenceController.class, SequencePage.class})
@WithApiKeySecurity
class SequenceApiTest {

    private static final UUID LEAD = UUID.fromString("6f1c1a52-0c8e-4b8e-9d7e-3c2f0a4b5d61");
    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    /** 2 March 2027, 04:00 UTC: still 1 March in Bogotá, the lead's zone. */
    private static final Instant NOW = Instant.parse("2027-03-02T04:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MessageSource messages;

    /** A page's flash as an English reader sees it. */
    private String english(Object flash) {
        return messages.getMessage((MessageSourceResolvable) flash, Locale.ENGLISH);
    }

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    SequenceExits exits;
    @MockitoBean
    SequencePauses pauses;
    @MockitoBean
    SequencePreview preview;
    @MockitoBean
    Nurtures nurtures;
    @MockitoBean
    Leads leads;

    @BeforeEach
    void theLeadIsAnasInBogota() {
        LeadFacts facts = new LeadFacts("carlos@andesnet.co", null, "Carlos", "Ruiz", "CMO", "AndesNet", "andesnet.co", 500, "telecom",
                "CO", BOGOTA.getId(), "es", "ebook", null);
        when(leads.get(LEAD)).thenReturn(new Lead(LEAD, LeadType.FORM_FILL, facts, null, LeadStage.MQL, 80, List.of(), Map.of(),
                "ana", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing given      | {}                                                                                 | start country timeZone
            start missing      | {"country":"CO","timeZone":"America/Bogota"}                                       | start
            start not ISO      | {"start":"next monday","country":"CO","timeZone":"America/Bogota"}                 | start
            start without zone | {"start":"2026-03-02T10:00","country":"CO","timeZone":"America/Bogota"}            | start
            country not ISO    | {"start":"2026-03-02T15:00:00Z","country":"Colombia","timeZone":"America/Bogota"}  | country
            bad time zone      | {"start":"2026-03-02T15:00:00Z","country":"CO","timeZone":"Bogota"}                | timeZone
            start at the end of time       | {"start":"+999999999-12-31T23:59:59Z","country":"CO","timeZone":"America/Bogota"} | start
            start at the beginning of time | {"start":"-999999999-01-01T00:00:00Z","country":"CO","timeZone":"America/Bogota"} | start
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
        var at = OffsetDateTime.parse("2027-03-02T10:00:00-05:00").atZoneSameInstant(BOGOTA);
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
    void theLeadsOwnerPausesFromTheTaskPageAnotherRepMayNot() {
        RequestPostProcessor ana = user("ana").roles("REP");
        assertThat(mvc.post().uri("/leads/{id}/sequence/pause", LEAD).with(ana).with(csrf()).param("until", "2027-03-10"))
                .hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/tasks")
                .flash().hasEntrySatisfying("flash", flash -> assertThat(english(flash))
                        .isEqualTo("Sequence paused for Carlos Ruiz until Wed 10 Mar 2027."));
        verify(pauses).pause(LEAD, LocalDate.parse("2027-03-10"), "ana");

        assertThat(mvc.post().uri("/leads/{id}/sequence/pause", LEAD).with(ana).with(csrf()).param("until", "2027-03-01"))
                .hasStatus(HttpStatus.FOUND).flash().hasEntrySatisfying("flash", flash -> assertThat(english(flash))
                        .startsWith("Not paused: the date must be after today (2027-03-01"));

        assertThat(mvc.post().uri("/leads/{id}/sequence/pause", LEAD).with(user("ben").roles("REP")).with(csrf())
                .param("until", "2027-03-10")).hasStatus(HttpStatus.FORBIDDEN);
        verify(pauses, never()).pause(LEAD, LocalDate.parse("2027-03-10"), "ben");
    }

    @Test
    void theLeadPagesButtonsGoBackToItAndAStateChangedMeanwhileIsA409Page() {
        RequestPostProcessor ana = user("ana").roles("REP");
        when(pauses.resumePaused(LEAD, "ana")).thenReturn(new SequencePauses.Schedule(null, List.of()))
                .thenThrow(new ConflictException("The sequence of lead " + LEAD + " is not paused"));

        assertThat(mvc.post().uri("/leads/{id}/sequence/resume", LEAD).with(ana).with(csrf()).param("back", "lead"))
                .hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/leads/" + LEAD);
        assertThat(mvc.post().uri("/leads/{id}/sequence/resume", LEAD).with(ana).with(csrf()).param("back", "lead")
                .header("Accept-Language", "es")).hasStatus(HttpStatus.CONFLICT).bodyText().contains("No es posible ahora");

        doThrow(new ConflictException("The sequence of lead " + LEAD + " is stopped already")).when(exits).stop(eq(LEAD), any());
        assertThat(mvc.post().uri("/leads/{id}/sequence/stop", LEAD).with(ana).with(csrf()))
                .hasStatus(HttpStatus.CONFLICT).bodyText().contains("Not possible now");
    }

    @Test
    void theLeadPageReEnrolsANurturedLeadAndGoesBackToIt() {
        assertThat(mvc.post().uri("/leads/{id}/nurture/re-enrol", LEAD).with(user("ana").roles("REP")).with(csrf()))
                .hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/leads/" + LEAD);
        verify(nurtures).reEnrol(LEAD, "ana");
    }

    @Test
    void aReEnrolmentOfALeadNotInNurtureOrReEnrolledAlreadyIsA409ProblemOrPage() {
        doThrow(new Nurtures.NotInNurture()).when(nurtures).reEnrol(eq(LEAD), any());

        assertThat(post("/api/leads/{id}/nurture/re-enrol", null)).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.detail")
                .isEqualTo("The lead is not in nurture, or was re-enrolled already");
        assertThat(mvc.post().uri("/leads/{id}/nurture/re-enrol", LEAD).with(user("ana").roles("REP")).with(csrf())
                .header("Accept-Language", "es")).hasStatus(HttpStatus.CONFLICT).bodyText().contains("No está en nurturing");
    }

    @Test
    void theLeadsOwnerChangesTheDayItsNurtureEndsOnFromItsPageAnotherRepMayNot() {
        RequestPostProcessor ana = user("ana").roles("REP");
        assertThat(mvc.post().uri("/leads/{id}/nurture/until", LEAD).with(ana).with(csrf()).param("until", "2027-04-15"))
                .hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/leads/" + LEAD)
                .flash().hasEntrySatisfying("flash", flash -> assertThat(english(flash))
                        .isEqualTo("Carlos Ruiz is nurtured until Thu 15 Apr 2027."));
        verify(nurtures).changeDate(LEAD, LocalDate.parse("2027-04-15"), "ana");

        assertThat(mvc.post().uri("/leads/{id}/nurture/until", LEAD).with(ana).with(csrf()).param("until", "2027-03-01"))
                .hasStatus(HttpStatus.FOUND).flash().hasEntrySatisfying("flash", flash -> assertThat(english(flash))
                        .startsWith("Date not changed: it must be after today (2027-03-01"));

        assertThat(mvc.post().uri("/leads/{id}/nurture/until", LEAD).with(user("ben").roles("REP")).with(csrf())
                .param("until", "2027-04-15")).hasStatus(HttpStatus.FORBIDDEN);
        verify(nurtures, never()).changeDate(LEAD, LocalDate.parse("2027-04-15"), "ben");
    }

    @Test
    void aNurtureDateChangeForALeadNotNurturedUntilADayIsA409ProblemOrPage() {
        doThrow(new Nurtures.NotNurturedUntilADate()).when(nurtures).changeDate(eq(LEAD), any(), any());

        assertThat(post("/api/leads/{id}/nurture/until", "{\"until\":\"2027-04-15\"}")).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.detail")
                .isEqualTo("The lead is not in nurture until a date, or was re-enrolled already");
        assertThat(mvc.post().uri("/leads/{id}/nurture/until", LEAD).with(user("ana").roles("REP")).with(csrf())
                .param("until", "2027-04-15").header("Accept-Language", "es"))
                .hasStatus(HttpStatus.CONFLICT).bodyText().contains("No está en nurturing");
    }

    /** An authorised POST to the URI (its {id} is {@link #LEAD}), with the JSON body if there is one. */
    private MockMvcTester.MockMvcRequestBuilder post(String uri, String json) {
        var request = mvc.post().uri(uri, LEAD).header(AUTHORIZATION, WithApiKeySecurity.BEARER);
        return json == null ? request : request.contentType(APPLICATION_JSON).content(json);
    }
}
