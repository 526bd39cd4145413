package io.leadflow.sequence.internal;

import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.SequenceActionSlice;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.SequencePauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The sequence preview API and the task list's sequence buttons on the web layer alone: preview and pause input checked
 * field by field, each exit handed to SequenceExits, each pause to SequencePauses.
 */
@WebMvcTest({SequenceController.class, SequencePage.class})
class SequenceApiTest extends SequenceActionSlice {

    @Autowired
    MessageSource messages;

    /** A page's flash as an English reader sees it. */
    private String english(Object flash) {
        return messages.getMessage((MessageSourceResolvable) flash, Locale.ENGLISH);
    }

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
    void aReEnrolmentOfALeadNotInNurtureOrReEnrolledAlreadyIsA409Page() {
        doThrow(new Nurtures.NotInNurture()).when(nurtures).reEnrol(eq(LEAD), any());

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
    void aNurtureDateChangeForALeadNotNurturedUntilADayIsA409Page() {
        doThrow(new Nurtures.NotNurturedUntilADate()).when(nurtures).changeDate(eq(LEAD), any(), any());

        assertThat(mvc.post().uri("/leads/{id}/nurture/until", LEAD).with(user("ana").roles("REP")).with(csrf())
                .param("until", "2027-04-15").header("Accept-Language", "es"))
                .hasStatus(HttpStatus.CONFLICT).bodyText().contains("No está en nurturing");
    }
}
