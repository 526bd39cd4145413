package io.leadflow.reports.internal;

import io.camunda.client.api.command.ClientException;
import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.security.WithApiKeySecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.ACCEPT;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The incidents API on the web layer alone: managers only, CSRF for a session, a bad key named, a retry made once, an
 * engine that does not answer a 503 (the process view's too). The clock stands at {@link ReportsApiTest#NOW}.
 */
@WebMvcTest({IncidentsController.class, ProcessReportController.class})
@WithApiKeySecurity
@Import({CsvReports.class, ReportsApiTest.FixedClock.class})
class IncidentsApiTest {

    static final UUID LEAD = UUID.fromString("0b0f5f3e-7c1a-4c53-9d1e-3f6f0c9b2a11");
    static final Incidents.Incident INCIDENT = new Incidents.Incident(2251799813685290L, "lead-sequence", "Task_SendFollowUp",
            "Send follow-up email", 2251799813685250L, 2251799813685280L, LEAD.toString(), "JOB_NO_RETRIES",
            "any__any__awareness.en.ftl: The following has evaluated to null or missing: ==> lead.firstName",
            Instant.parse("2026-11-25T11:00:00Z"));

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    Incidents incidents;
    @MockitoBean
    ProcessEngine engine;
    @MockitoBean
    Timeline timeline;
    @MockitoBean
    ProcessInstances instances;
    @MockitoBean
    ProcessModels models;
    @MockitoBean
    Leads leads;
    @MockitoBean
    Reports reports;

    @BeforeEach
    void everyLeadUnlessFiltered() {
        when(reports.select(any())).thenReturn(LeadSelection.EVERY);
    }

    @Test
    void theIncidentsThatAroseInThePeriodOnTheFiltersLeadsEveryOneWithout() {
        Incidents.Incident older = new Incidents.Incident(2251799813685300L, "lead-identify", "Task_Enrich", "Enrich",
                2251799813685260L, 2251799813685310L, UUID.randomUUID().toString(), "JOB_NO_RETRIES", "timeout",
                Instant.parse("2026-10-30T09:00:00Z"));
        when(incidents.open()).thenReturn(new Incidents.Open(2, List.of(older, INCIDENT)));
        when(reports.select(new Reports.Filters("latam", null, null, null))).thenReturn(new LeadSelection(Set.of(LEAD)));

        for (String filter : List.of("from=2026-11-01", "team=latam", "from=2026-11-25&to=2026-11-26&team=latam")) {
            var json = assertThat(mvc.get().uri("/api/reports/incidents?" + filter).header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                    .as(filter).hasStatusOk().bodyJson();
            json.extractingPath("$.open").as(filter).isEqualTo(1);
            json.extractingPath("$.openInAll").as(filter).isEqualTo(2);
            json.extractingPath("$.incidents[*].incidentKey").asArray().as(filter).containsExactly("2251799813685290");
        }
        assertThat(mvc.get().uri("/api/reports/incidents").header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk()
                .bodyJson().extractingPath("$.open").isEqualTo(2);
        assertThat(mvc.get().uri("/api/reports/incidents?from=2026-11-01&to=2026-11-01").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("to");
    }

    @Test
    void aClusterWhoseRestApiDoesNotAnswerIsA503ProblemNotA500() {
        ClientException away = new ClientException("Connection refused: 127.0.0.1/127.0.0.1:8088");
        when(incidents.open()).thenThrow(away);
        when(instances.processes()).thenThrow(away);
        for (String report : List.of("/api/reports/incidents", "/api/reports/process")) {
            assertThat(mvc.get().uri(report).header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                    .hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentType(APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.detail").asString().startsWith("The process engine did not answer");
        }
    }

    @Test
    void anonymousGets401ARep403AndAManagerWithoutCsrf403() {
        when(incidents.open()).thenReturn(new Incidents.Open(0, List.of()));
        assertThat(mvc.get().uri("/api/reports/incidents")).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/reports/incidents/1/retry").with(csrf())).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/reports/incidents").with(user("ben").roles("REP"))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri("/api/reports/incidents/1/retry").with(user("ben").roles("REP")).with(csrf()))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/reports/incidents/1/retry").with(user("marta").roles("REP", "MANAGER")))
                .hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.detail").isEqualTo("Missing or wrong CSRF token");
        assertThat(mvc.get().uri("/api/reports/incidents").with(user("marta").roles("REP", "MANAGER"))).hasStatusOk();
        verify(engine, never()).retryIncident(anyLong(), any(), anyInt());
    }

    @Test
    void theOpenIncidentsWithTheirLeadWhereWhyAndSinceAsJsonAndCsv() {
        when(incidents.open()).thenReturn(new Incidents.Open(1, List.of(INCIDENT)));
        var json = assertThat(mvc.get().uri("/api/reports/incidents").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson();
        json.extractingPath("$.open").isEqualTo(1);
        json.extractingPath("$.incidents[0].incidentKey").isEqualTo("2251799813685290");
        json.extractingPath("$.incidents[0].jobKey").isEqualTo("2251799813685280");
        json.extractingPath("$.incidents[0].leadId").isEqualTo(LEAD.toString());
        json.extractingPath("$.incidents[0].elementName").isEqualTo("Send follow-up email");
        json.extractingPath("$.incidents[0].since").isEqualTo("2026-11-25T11:00:00Z");
        assertThat(mvc.get().uri("/api/reports/incidents").header(AUTHORIZATION, WithApiKeySecurity.BEARER).header(ACCEPT, "text/csv"))
                .hasStatusOk().bodyText()
                .startsWith("incidentKey,leadId,process,element,elementName,errorType,errorMessage,since")
                .contains("2251799813685290," + LEAD + ",lead-sequence,Task_SendFollowUp,Send follow-up email,JOB_NO_RETRIES,");
    }

    @Test
    void aMalformedOrImpossibleKeyIsA400NamingIt() {
        for (String key : List.of("abc", "0", "-5", "99999999999999999999")) {
            assertThat(mvc.post().uri("/api/reports/incidents/" + key + "/retry").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                    .as(key).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.errors[0].field").isEqualTo("incidentKey");
        }
        verify(engine, never()).retryIncident(anyLong(), any(), anyInt());
    }

    @Test
    void aManagersRetryGivesTheJobRetriesResolvesItAndTellsTheTimelineWho() {
        when(incidents.find(INCIDENT.incidentKey())).thenReturn(Optional.of(INCIDENT));
        when(engine.retryIncident(INCIDENT.incidentKey(), INCIDENT.jobKey(), IncidentsController.RETRIES)).thenReturn(true);
        var json = assertThat(mvc.post().uri("/api/reports/incidents/2251799813685290/retry")
                .with(user("marta").roles("REP", "MANAGER")).with(csrf())).hasStatus(HttpStatus.ACCEPTED).bodyJson();
        json.extractingPath("$.by").isEqualTo("marta");
        json.extractingPath("$.at").isEqualTo(ReportsApiTest.NOW.toString());
        json.extractingPath("$.retries").isEqualTo(3);
        verify(timeline).recordOnce(eq(LEAD), eq(Timeline.Type.INCIDENT_RETRIED), argThat((Map<String, ?> details) ->
                "marta".equals(details.get("by")) && "2251799813685290".equals(details.get("incidentKey"))));
    }

    @Test
    void anIncidentNotOpenOrResolvedMeanwhileIsA409AndTheTimelineSaysNothing() {
        when(incidents.find(INCIDENT.incidentKey())).thenReturn(Optional.of(INCIDENT), Optional.empty());
        when(engine.retryIncident(anyLong(), any(), anyInt())).thenReturn(false);
        for (int i = 0; i < 2; i++) {
            assertThat(mvc.post().uri("/api/reports/incidents/2251799813685290/retry").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                    .hasStatus(HttpStatus.CONFLICT).hasContentType(APPLICATION_PROBLEM_JSON);
        }
        verify(timeline, never()).recordOnce(any(), any(), any());
    }
}
