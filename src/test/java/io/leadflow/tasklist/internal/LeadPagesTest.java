package io.leadflow.tasklist.internal;

import io.leadflow.assignment.Assignment;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.assignment.LeadFinder;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.Team;
import io.leadflow.email.EmailLeads;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.AttemptedLeads;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.StageMove;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The lead list and a lead's page in English and in Spanish: who sees what, its history, and reassigning it once. */
@WebMvcTest(LeadPages.class)
@Import({LeadContexts.class, LeadFinder.class, TaskNames.class})
@WithApiKeySecurity
class LeadPagesTest {

    private static final RequestPostProcessor ANA = user("ana").roles("REP");
    private static final RequestPostProcessor MARTA = user("marta").roles("REP", "MANAGER");
    private static final UUID LEAD = UUID.fromString("3f0c8a52-61b4-4b0e-9a51-0d2a6f7c1e11");
    private static final Lead MARIA = new Lead(LEAD, LeadType.FORM_FILL,
            new LeadFacts("maria@telcomex.mx", null, "María", "López", "CMO", "Telcomex", "telcomex.mx", 500, "telecom", "MX",
                    "America/Mexico_City", "es", "ebook", null),
            null, LeadStage.MQL, 80, List.of("Region: LATAM"), Map.of(), "ana", Instant.parse("2026-03-02T15:00:00Z"),
            Instant.parse("2026-03-02T16:00:00Z"));

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-03-03T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    RepDirectory reps;
    @MockitoBean
    Leads leads;
    @MockitoBean
    Timeline timeline;
    @MockitoBean
    RepTaskService tasks;
    @MockitoBean
    AssignmentService assignments;
    @MockitoBean
    EmailLeads emailLeads;
    @MockitoBean
    AttemptedLeads attempted;
    @MockitoBean
    ProcessModels models;

    @BeforeEach
    void mariaOwnedByAna() {
        when(leads.search(any())).thenReturn(new LeadSearch.Result(List.of(MARIA), "next-page"));
        when(leads.get(LEAD)).thenReturn(MARIA);
        when(leads.stagesOf(LEAD)).thenReturn(List.of(
                new StageMove(LeadStage.LEAD, Instant.parse("2026-03-02T15:00:00Z"), "received as FORM_FILL", null),
                new StageMove(LeadStage.MQL, Instant.parse("2026-03-02T15:01:00Z"), "lead-fit: score 80 (Region: LATAM)",
                        "lead-identify v3")));
        when(timeline.of(LEAD)).thenReturn(List.of(
                new Timeline.Entry("RECEIVED", Instant.parse("2026-03-02T15:00:00Z"), Map.of("leadType", "FORM_FILL", "source", "ebook")),
                new Timeline.Entry("SEQUENCE_PAUSED", Instant.parse("2026-03-02T16:00:00Z"), Map.of("until", "2026-03-10", "by", "ana"))));
        when(tasks.openTasksOfLead(LEAD)).thenReturn(List.of(new RepTask(42L, LEAD, "first-contact", "First contact", "ana",
                null, null, Instant.parse("2026-03-03T15:00:00Z"), RepTask.Status.OPEN, Instant.parse("2026-03-02T15:02:00Z"),
                null, null, Map.of(), null, Map.of(), null)));
        when(reps.teams()).thenReturn(List.of(new Team("andes", "marta")));
    }

    @Test
    void theListInEnglishAndInSpanish() {
        assertThat(mvc.get().uri("/leads?q=telcomex").with(MARTA).header("Accept-Language", "en")).hasStatusOk().bodyText()
                .contains("<h1>Leads</h1>", "href=\"/leads\">Leads</a>", "<a href=\"/leads/" + LEAD + "\">María López</a>",
                        "MQL (marketing qualified)", "Mon 2 Mar 2026, 10:00", "Older leads",
                        "href=\"/leads?q=telcomex&amp;cursor=next-page\"", "<option value=\"andes\">andes</option>");
        assertThat(mvc.get().uri("/leads").with(ANA).header("Accept-Language", "es")).hasStatusOk().bodyText()
                .contains("<html lang=\"es\">", "Nombre, correo o empresa", "Leads anteriores", "lun 2 mar 2026, 10:00")
                .doesNotContain("Older leads", "id=\"team\"");
    }

    @Test
    void aRepsListHoldsOnlyTheirLeads() {
        assertThat(mvc.get().uri("/leads").with(ANA)).hasStatusOk();
        var search = org.mockito.ArgumentCaptor.forClass(LeadSearch.class);
        verify(leads).search(search.capture());
        assertThat(search.getValue().owners()).containsExactly("ana");
    }

    @Test
    void aBadFilterIsShownByTheFormIn400() {
        assertThat(mvc.get().uri("/leads?stage=WON&size=0").with(MARTA).header("Accept-Language", "en"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText()
                .contains("Please correct the search:", "Choose a stage from the list.", "The page size is a whole number from 1 to 100.");
        assertThat(mvc.get().uri("/leads?team=nowhere").with(MARTA).header("Accept-Language", "es"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("No existe ese equipo.");
        verify(leads, never()).search(any());
    }

    @Test
    void theLeadsBehindAStepsRateKeepTheirFilterOnTheNextPage() {
        when(attempted.attempted(2, null)).thenReturn(new LeadSelection(Set.of(LEAD)));
        when(reps.repsOf("andes")).thenReturn(Optional.of(Set.of("ana")));
        assertThat(mvc.get().uri("/leads?step=2&team=andes").with(MARTA).header("Accept-Language", "en")).hasStatusOk().bodyText()
                .contains("id=\"step\" name=\"step\" min=\"1\" step=\"1\" value=\"2\"", "Sequence step made",
                        "href=\"/leads?team=andes&amp;step=2&amp;cursor=next-page\"");
        assertThat(mvc.get().uri("/leads?step=first").with(MARTA).header("Accept-Language", "es"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("El paso de la secuencia es un número entero desde 1.");
    }

    @Test
    void theLeadsPageShowsItsHistoryTasksAndActionsInEnglishAndInSpanish() {
        assertThat(mvc.get().uri("/leads/{id}", LEAD).with(ANA).header("Accept-Language", "en")).hasStatusOk().bodyText()
                .contains("<h1>María López <span class=\"muted\">· Telcomex</span></h1>", "Stage history",
                        "<strong>MQL (marketing qualified)</strong>",
                        "lead-fit: score 80 (Region: LATAM); decided by lead-identify v3",
                        "Whole history", "Arrived as a form fill from ebook", "<a href=\"/tasks/42\">First contact</a>",
                        "action=\"/leads/" + LEAD + "/sequence/pause\"", "action=\"/leads/" + LEAD + "/sequence/resume\"",
                        "action=\"/leads/" + LEAD + "/sequence/stop\"", "name=\"back\" value=\"lead\"", "min=\"2026-03-04\"")
                .doesNotContain("/reassign");
        assertThat(mvc.get().uri("/leads/{id}", LEAD).with(MARTA).header("Accept-Language", "es")).hasStatusOk().bodyText()
                .contains("Historial de etapas", "Historial completo", "Tareas abiertas", "Reasignar",
                        "action=\"/leads/" + LEAD + "/reassign\"", "name=\"from\" value=\"ana\"");
    }

    @Test
    void anotherRepsLeadIs403AndAnUnknownOne404() {
        assertThat(mvc.get().uri("/leads/{id}", LEAD).with(user("ben").roles("REP")).header("Accept-Language", "es"))
                .hasStatus(HttpStatus.FORBIDDEN).bodyText().contains("No es tu lead");
        UUID unknown = UUID.randomUUID();
        when(leads.get(unknown)).thenThrow(new LeadNotFoundException(unknown));
        assertThat(mvc.get().uri("/leads/{id}", unknown).with(MARTA)).hasStatus(HttpStatus.NOT_FOUND).bodyText()
                .contains("Lead not found");
        assertThat(mvc.get().uri("/leads/not-a-lead").with(MARTA)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void aManagerReassignsOnceASecondTimeIs409() {
        when(assignments.reassignFrom(LEAD, "ana")).thenReturn(new Assignment("luis", "Luis", "luis@example.com", null))
                .thenThrow(new ConflictException("Lead " + LEAD + " is owned by luis now, not ana"));

        assertThat(mvc.post().uri("/leads/{id}/reassign", LEAD).with(MARTA).with(csrf()).param("from", "ana"))
                .hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/leads/" + LEAD);
        assertThat(mvc.post().uri("/leads/{id}/reassign", LEAD).with(MARTA).with(csrf()).param("from", "ana")
                .header("Accept-Language", "en")).hasStatus(HttpStatus.CONFLICT).bodyText().contains("Reassigned already");
        assertThat(mvc.post().uri("/leads/{id}/reassign", LEAD).with(ANA).with(csrf()).param("from", "ana"))
                .hasStatus(HttpStatus.FORBIDDEN);
    }
}
