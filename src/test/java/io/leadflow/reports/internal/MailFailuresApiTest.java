package io.leadflow.reports.internal;

import io.leadflow.email.MailOutbox;
import io.leadflow.lead.LeadSelection;
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
import static org.mockito.ArgumentMatchers.anyString;
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
 * The failed-mail API on the web layer alone: managers only, CSRF for a session, a bad key named, 404 and 409 as
 * problems, a retry on the timeline with who. The clock stands at {@link ReportsApiTest#NOW}.
 */
@WebMvcTest(MailFailuresController.class)
@WithApiKeySecurity
@Import({CsvReports.class, MailFailures.class, ReportsApiTest.FixedClock.class})
class MailFailuresApiTest {

    static final UUID LEAD = UUID.fromString("0b0f5f3e-7c1a-4c53-9d1e-3f6f0c9b2a11");
    static final String KEY = "sequence:" + LEAD + ":1:2";
    static final MailOutbox.FailedMail FAILED = new MailOutbox.FailedMail(KEY, LEAD, "ana@telcomex.co", "Ana, una pregunta",
            "Invalid Addresses: 550 5.1.1 <ana@telcomex.co>: no such user", Instant.parse("2026-11-25T11:00:00Z"), 1);

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    MailOutbox outbox;
    @MockitoBean
    Timeline timeline;
    @MockitoBean
    Reports reports;

    @BeforeEach
    void everyLeadUnlessFiltered() {
        when(reports.select(any())).thenReturn(LeadSelection.EVERY);
    }

    @Test
    void theMailsGivenUpInThePeriodAboutTheFiltersLeadsEveryOneWithout() {
        LeadSelection latam = new LeadSelection(Set.of(LEAD));
        when(reports.select(new Reports.Filters("latam", null, null, null))).thenReturn(latam);
        when(outbox.failed(eq(MailFailuresController.LISTED), any(), any(), any())).thenReturn(new MailOutbox.Failed(1, List.of(FAILED)));

        assertThat(mvc.get().uri("/api/reports/mail-failures?from=2026-11-01&to=2026-11-08&team=latam")
                .header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk().bodyJson().extractingPath("$.failed").isEqualTo(1);
        verify(outbox).failed(MailFailuresController.LISTED, Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-08T00:00:00Z"), latam);
        assertThat(mvc.get().uri("/api/reports/mail-failures").header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk();
        verify(outbox).failed(MailFailuresController.LISTED, Instant.EPOCH, ReportsApiTest.TOMORROW, LeadSelection.EVERY);
        assertThat(mvc.get().uri("/api/reports/mail-failures?from=2026-11-08&to=2026-11-01").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("to");
    }

    @Test
    void anonymousGets401ARep403AndAManagerWithoutCsrf403() {
        when(outbox.failed(eq(MailFailuresController.LISTED), any(), any(), any())).thenReturn(new MailOutbox.Failed(0, List.of()));
        String retry = "/api/reports/mail-failures/" + KEY + "/retry";
        assertThat(mvc.get().uri("/api/reports/mail-failures")).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri(retry).with(csrf())).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/reports/mail-failures").with(user("ben").roles("REP"))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri(retry).with(user("ben").roles("REP")).with(csrf()))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri(retry).with(user("marta").roles("REP", "MANAGER")))
                .hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.detail").isEqualTo("Missing or wrong CSRF token");
        assertThat(mvc.get().uri("/api/reports/mail-failures").with(user("marta").roles("REP", "MANAGER"))).hasStatusOk();
        verify(outbox, never()).retry(anyString());
    }

    @Test
    void theFailedMailsWithLeadRecipientSubjectErrorAndWhenAsJsonAndCsv() {
        when(outbox.failed(eq(MailFailuresController.LISTED), any(), any(), any())).thenReturn(new MailOutbox.Failed(1, List.of(FAILED)));
        var json = assertThat(mvc.get().uri("/api/reports/mail-failures").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson();
        json.extractingPath("$.failed").isEqualTo(1);
        json.extractingPath("$.mails[0].idempotencyKey").isEqualTo(KEY);
        json.extractingPath("$.mails[0].leadId").isEqualTo(LEAD.toString());
        json.extractingPath("$.mails[0].recipient").isEqualTo("ana@telcomex.co");
        json.extractingPath("$.mails[0].error").isEqualTo(FAILED.error());
        json.extractingPath("$.mails[0].failedAt").isEqualTo("2026-11-25T11:00:00Z");
        assertThat(mvc.get().uri("/api/reports/mail-failures").header(AUTHORIZATION, WithApiKeySecurity.BEARER).header(ACCEPT, "text/csv"))
                .hasStatusOk().bodyText()
                .startsWith("idempotencyKey,leadId,recipient,subject,error,failedAt,attempts")
                .contains(KEY + "," + LEAD + ",ana@telcomex.co,\"Ana, una pregunta\",");
    }

    @Test
    void aKeyTooLongIsA400NamingIt() {
        assertThat(mvc.post().uri("/api/reports/mail-failures/" + "k".repeat(201) + "/retry").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("idempotencyKey");
        verify(outbox, never()).retry(anyString());
    }

    @Test
    void aManagersRetryPutsTheMailBackAndTellsTheTimelineWho() {
        when(outbox.retry(KEY)).thenReturn(Optional.of(FAILED));
        var json = assertThat(mvc.post().uri("/api/reports/mail-failures/" + KEY + "/retry")
                .with(user("marta").roles("REP", "MANAGER")).with(csrf())).hasStatus(HttpStatus.ACCEPTED).bodyJson();
        json.extractingPath("$.by").isEqualTo("marta");
        json.extractingPath("$.idempotencyKey").isEqualTo(KEY);
        json.extractingPath("$.at").isEqualTo(ReportsApiTest.NOW.toString());
        verify(timeline).record(eq(LEAD), eq(Timeline.Type.EMAIL_RETRIED), argThat((Map<String, ?> details) ->
                "marta".equals(details.get("by")) && KEY.equals(details.get("idempotencyKey"))));
    }

    @Test
    void aMailNotFailedIsA409AnUnknownOneA404AndTheTimelineSaysNothing() {
        when(outbox.retry(anyString())).thenReturn(Optional.empty());
        when(outbox.exists(KEY)).thenReturn(true);
        assertThat(mvc.post().uri("/api/reports/mail-failures/" + KEY + "/retry").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.CONFLICT).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/reports/mail-failures/sequence:unknown/retry").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.NOT_FOUND).hasContentType(APPLICATION_PROBLEM_JSON);
        verify(timeline, never()).record(any(), any(), any());
    }
}
