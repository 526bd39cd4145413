package io.leadflow.intake.internal;

import io.leadflow.assignment.LeadFinder;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.lead.AttemptedLeads;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.SequenceSchedule;
import io.leadflow.tasklist.RepTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Instant;
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
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** GET /api/leads on the web layer: the search's parameters, its pages, and who sees which leads. */
@WebMvcTest(LeadController.class)
@Import({LeadValidator.class, LeadFinder.class})
@WithApiKeySecurity
@MockitoBean(types = {LeadService.class, Timeline.class, RepTaskService.class, SequenceSchedule.class})
class LeadSearchApiTest {

    private static final Lead MARIA = new Lead(UUID.fromString("3f0c8a52-61b4-4b0e-9a51-0d2a6f7c1e11"), LeadType.FORM_FILL,
            new LeadFacts("maria@telcomex.mx", null, "María", "López", "CMO", "Telcomex", "telcomex.mx", 500, "telecom", "MX",
                    "America/Mexico_City", "es", "ebook", null),
            null, LeadStage.MQL, 80, List.of(), Map.of(), "ana", Instant.parse("2026-03-02T15:00:00Z"),
            Instant.parse("2026-03-02T16:00:00Z"));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    RepDirectory reps;
    @MockitoBean
    Leads leads;
    @MockitoBean
    AttemptedLeads attempted;

    @BeforeEach
    void oneLeadFound() {
        when(leads.search(any())).thenReturn(new LeadSearch.Result(List.of(MARIA), "next-page"));
        when(reps.repsOf("andes")).thenReturn(Optional.of(Set.of("ana", "luis")));
        when(reps.repsOf("nowhere")).thenReturn(Optional.empty());
    }

    @Test
    void theApiKeySearchesEveryLeadWithTheFiltersGiven() {
        assertThat(mvc.get().uri("/api/leads?q= Telcomex &stage=mql&source=ebook&type=FORM_FILL&team=andes&size=10")
                .header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.leads[0].name", name -> assertThat(name).asString().isEqualTo("María López"))
                .hasPathSatisfying("$.leads[0].company", company -> assertThat(company).asString().isEqualTo("Telcomex"))
                .hasPathSatisfying("$.leads[0].createdAt", at -> assertThat(at).asString().isEqualTo("2026-03-02T09:00:00-06:00"))
                .hasPathSatisfying("$.next", next -> assertThat(next).asString().isEqualTo("next-page"));

        LeadSearch search = searched();
        assertThat(search).isEqualTo(new LeadSearch("Telcomex", LeadStage.MQL, Set.of("ana", "luis"), "ebook",
                LeadType.FORM_FILL, null, null, 10));
    }

    @Test
    void theNextPageStartsAfterTheCursorOfThePageBefore() {
        LeadSearch.Cursor cursor = LeadSearch.Cursor.after(MARIA);
        assertThat(mvc.get().uri("/api/leads?cursor=" + cursor.token()).header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk();
        assertThat(searched()).isEqualTo(new LeadSearch(null, null, null, null, null, null, cursor, LeadFinder.DEFAULT_SIZE));
    }

    @Test
    void theLeadsBehindAStepsOrATemplatesRateAreThoseWhoseAttemptThereWasMade() {
        LeadSelection behind = new LeadSelection(Set.of(MARIA.id()));
        when(attempted.attempted(2, "connect-2-es")).thenReturn(behind);
        assertThat(mvc.get().uri("/api/leads?step=2&template=connect-2-es&team=andes").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk();
        assertThat(searched()).isEqualTo(new LeadSearch(null, null, Set.of("ana", "luis"), null, null, behind, null,
                LeadFinder.DEFAULT_SIZE));
    }

    @Test
    void aManagerSeesEveryLeadARepOnlyTheirOwn() {
        assertThat(mvc.get().uri("/api/leads").with(user("marta").roles("REP", "MANAGER"))).hasStatusOk();
        assertThat(searched().owners()).isNull();

        assertThat(mvc.get().uri("/api/leads?team=andes").with(user("ana").roles("REP"))).hasStatusOk();
        assertThat(searched().owners()).containsExactly("ana");

        assertThat(mvc.get().uri("/api/leads?owner=luis").with(user("ana").roles("REP"))).hasStatusOk();
        assertThat(searched().owners()).as("another rep's leads: none").isEmpty();
    }

    @Test
    void noOneSignedInAndNoApiKeyIs401() {
        assertThat(mvc.get().uri("/api/leads")).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/leads").header(AUTHORIZATION, "Bearer wrong")).hasStatus(HttpStatus.UNAUTHORIZED);
        verify(leads, never()).search(any());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown stage   | stage=WON                 | stage
            unknown type    | type=COLD_CALL            | type
            unknown team    | team=nowhere              | team
            size too big    | size=101                  | size
            size zero       | size=0                    | size
            size in words   | size=ten                  | size
            forged cursor   | cursor=bm90LWEtY3Vyc29y   | cursor
            step in words   | step=first                | step
            step zero       | step=0                    | step
            template long   | template=%s               | template
            several at once | stage=WON&size=-1&type=x  | stage type size
            """)
    void aBadParameterIsA400NamingIt(String why, String query, String fields) {
        assertThat(mvc.get().uri("/api/leads?" + query.formatted("t".repeat(201))).header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder((Object[]) fields.split(" "));
        verify(leads, never()).search(any());
        verify(attempted, never()).attempted(any(), any());
    }

    private LeadSearch searched() {
        ArgumentCaptor<LeadSearch> search = ArgumentCaptor.forClass(LeadSearch.class);
        verify(leads, org.mockito.Mockito.atLeastOnce()).search(search.capture());
        return search.getValue();
    }
}
