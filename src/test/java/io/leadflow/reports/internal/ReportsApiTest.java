package io.leadflow.reports.internal;

import io.leadflow.assignment.LeadQuota;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.SlaQuery;
import io.leadflow.assignment.Person;
import io.leadflow.lead.FunnelQuery;
import io.leadflow.lead.LeadFilter;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.SequenceStats;
import io.leadflow.scoring.Rejections;
import io.leadflow.tasklist.TaskLoad;
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

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.ACCEPT;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The reports on the web layer alone: managers only, each bad parameter named, the contracts' JSON and the CSV tables. */
@WebMvcTest(ReportsController.class)
@WithApiKeySecurity
@Import({Reports.class, CsvReports.class})
class ReportsApiTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TOMORROW = Instant.parse("2026-11-26T00:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    FunnelQuery funnel;
    @MockitoBean
    SlaQuery sla;
    @MockitoBean
    SequenceStats sequences;
    @MockitoBean
    TaskLoad tasks;
    @MockitoBean
    Rejections rejections;
    @MockitoBean
    LeadQuota quota;
    @MockitoBean
    Leads leads;
    @Autowired
    RepDirectory directory;

    @BeforeEach
    void everyLeadUnlessFiltered() {
        when(leads.select(LeadFilter.NONE)).thenReturn(LeadSelection.EVERY);
    }

    @Test
    void aSignedInRepGets403AManagerAndTheApiKeyGetIn() {
        when(funnel.counts(any(), any(), any(), any())).thenReturn(List.of());
        assertThat(mvc.get().uri("/api/reports/funnel").with(user("ben").roles("REP")))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/planner").with(user("ben").roles("REP"))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/manager").with(user("ben").roles("REP"))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/reports/funnel")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/reports/funnel").with(user("marta").roles("REP", "MANAGER"))).hasStatusOk();
        assertThat(mvc.get().uri("/api/reports/funnel").header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk();
    }

    @Test
    void badDatesAndGroupingsAreRefusedNamingTheField() {
        assertProblem("/api/reports/funnel?from=2026-13-01", "from");
        assertProblem("/api/reports/sla?to=yesterday", "to");
        assertProblem("/api/reports/sequences?from=2026-11-10&to=2026-11-10", "to");
        assertProblem("/api/reports/sla?from=2026-12-01", "from");
        assertProblem("/api/reports/funnel?groupBy=planet", "groupBy");
        assertProblem("/api/reports/rejections?from=2026-11-10&to=2026-11-01", "to");
        assertProblem("/api/reports/quota?month=2026-13", "month");
        assertProblem("/api/reports/funnel?team=nowhere", "team");
        assertProblem("/api/reports/sla?rep=nobody", "rep");
        assertProblem("/api/reports/sequences?type=PIGEON", "type");
    }

    @Test
    void theFiltersSelectTheLeadsEachReportCounts() {
        LeadSelection anasFormFills = new LeadSelection(Set.of(UUID.randomUUID()));
        when(directory.repsOf("latam")).thenReturn(Optional.of(Set.of("ana", "ben")));
        when(directory.rep("ana")).thenReturn(Optional.of(new Person("ana", "Ana Torres", "ana@leadflow.local")));
        when(leads.select(new LeadFilter(Set.of("ana"), "ebook", LeadType.FORM_FILL))).thenReturn(anasFormFills);
        when(funnel.counts(NOVEMBER, TOMORROW, FunnelQuery.Grouping.ALL, anasFormFills)).thenReturn(List.of(
                new FunnelQuery.Counts("all", new long[] {4, 2, 1, 0, 0}, 0, 0, 0)));
        when(sequences.firstAttempts(NOVEMBER, TOMORROW, anasFormFills)).thenReturn(new SequenceStats.FirstAttemptsByWeek(List.of(),
                new SequenceStats.FirstAttempts(null, 1, 1, 2.0)));
        when(sla.breaches(NOVEMBER, TOMORROW, anasFormFills, SlaReport.BREACHES_SHOWN)).thenReturn(new SlaQuery.Breaches(1, List.of()));
        String filters = "team=latam&rep=ana&source=ebook&type=form_fill";

        assertThat(mvc.get().uri("/api/reports/funnel?" + filters).header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk()
                .bodyJson().extractingPath("$.groups[0].stages[0].reached").isEqualTo(4);
        var sla = assertThat(mvc.get().uri("/api/reports/sla?" + filters).header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson();
        sla.extractingPath("$.firstAttempt.due").isEqualTo(2);
        sla.extractingPath("$.breachesTotal").isEqualTo(1);
        // A rep of another team than the one asked for: no lead is theirs and the team's at once.
        LeadSelection none = new LeadSelection(Set.of());
        when(directory.repsOf("emea")).thenReturn(Optional.of(Set.of("zoe")));
        when(leads.select(new LeadFilter(Set.of(), null, null))).thenReturn(none);
        when(funnel.counts(NOVEMBER, TOMORROW, FunnelQuery.Grouping.ALL, none)).thenReturn(List.of());
        assertThat(mvc.get().uri("/api/reports/funnel?team=emea&rep=ana").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson().extractingPath("$.groups").asArray().isEmpty();
    }

    @Test
    void theQuotaIsTheMonthUnderWayByDefaultAsJsonAndCsv() {
        LeadQuota.Standing ana = new LeadQuota.Standing("ana", "latam", 100, 70, 80, 10, 0.7, true);
        LeadQuota.Standing latam = new LeadQuota.Standing("latam", "latam", 100, 70, 80, 10, 0.7, true);
        LeadQuota.Standing total = new LeadQuota.Standing("total", null, 100, 70, 80, 10, 0.7, true);
        when(quota.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null)).thenReturn(new LeadQuota.Period(
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), 100, 1.0, 0.8, List.of(ana), List.of(latam), total));

        var json = assertThat(mvc.get().uri("/api/reports/quota").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson();
        json.extractingPath("$.month").isEqualTo("2026-11");
        json.extractingPath("$.teams[0].shortfall").isEqualTo(10);
        json.extractingPath("$.total.behind").isEqualTo(true);
        assertThat(mvc.get().uri("/api/reports/quota?month=2026-11").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .header(ACCEPT, "text/csv")).hasStatusOk().bodyText()
                .contains("level,name,team,quota,delivered,expected,shortfall,attainment,behind")
                .contains("rep,ana,latam,100,70,80,10,0.7,true").contains("total,total,,100,70,80,10,0.7,true");
    }

    @Test
    void theQuotaOfAPeriodAndATeamOwesTheShareOfTheMonthsItCovers() {
        when(directory.repsOf("latam")).thenReturn(Optional.of(Set.of("ana", "ben")));
        LeadQuota.Standing ana = new LeadQuota.Standing("ana", "latam", 23, 20, 23, 3, 0.8696, true);
        when(quota.of(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9), Set.of("ana", "ben"))).thenReturn(new LeadQuota.Period(
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9), 100, 7 / 30.0, 1.0, List.of(ana), List.of(ana), ana));

        var json = assertThat(mvc.get().uri("/api/reports/quota?from=2026-11-02&to=2026-11-09&team=latam&source=ebook")
                .header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk().bodyJson();
        json.extractingPath("$.from").isEqualTo("2026-11-02");
        json.extractingPath("$.month").isNull();
        json.extractingPath("$.total.quota").isEqualTo(23);
        assertProblem("/api/reports/quota?from=2026-11-09&to=2026-11-02", "to");
        assertProblem("/api/reports/quota?team=nowhere", "team");
        assertThat(LeadQuota.monthsIn(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9))).isEqualTo(7 / 30.0);
        assertThat(LeadQuota.monthsIn(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 1))).isEqualTo(3.0);
    }

    private void assertProblem(String uri, String field) {
        assertThat(mvc.get().uri(uri).header(AUTHORIZATION, WithApiKeySecurity.BEARER)).as(uri)
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void theFunnelCountsEachStageAndConvertsStepByStepPerGroupMonthToDateByDefault() {
        when(funnel.counts(NOVEMBER, TOMORROW, FunnelQuery.Grouping.SOURCE, LeadSelection.EVERY)).thenReturn(List.of(
                new FunnelQuery.Counts("ebook", new long[] {120, 60, 30, 15, 7}, 3, 4, 5),
                new FunnelQuery.Counts(null, new long[] {2, 0, 0, 0, 0}, 0, 0, 0)));
        var json = assertThat(mvc.get().uri("/api/reports/funnel?groupBy=source").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().hasContentType(APPLICATION_JSON).bodyJson();
        json.extractingPath("$.from").isEqualTo("2026-11-01");
        json.extractingPath("$.to").isEqualTo("2026-11-26");
        json.extractingPath("$.groupBy").isEqualTo("source");
        json.extractingPath("$.groups[0].group").isEqualTo("ebook");
        json.extractingPath("$.groups[0].stages[1]").isEqualTo(java.util.Map.of("stage", "MQL", "reached", 60));
        json.extractingPath("$.groups[0].conversions[0]").isEqualTo(java.util.Map.of("from", "LEAD", "to", "MQL", "rate", 0.5));
        json.extractingPath("$.groups[0].conversions[3].rate").isEqualTo(0.4667);
        json.extractingPath("$.groups[0].lost").isEqualTo(3);
        json.extractingPath("$.groups[0].disqualified").isEqualTo(4);
        json.extractingPath("$.groups[0].nurture").isEqualTo(5);
        json.extractingPath("$.groups[1].group").isEqualTo("(none)");
        json.extractingPath("$.groups[1].conversions[1].rate").isEqualTo(0.0);

        assertThat(mvc.get().uri("/api/reports/funnel?groupBy=source").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .header(ACCEPT, "text/csv")).hasStatusOk().hasContentType("text/csv;charset=UTF-8").hasBodyTextEqualTo("""
                group,stage,leads,conversion\r
                ebook,LEAD,120,\r
                ebook,MQL,60,0.5\r
                ebook,SQL,30,0.5\r
                ebook,OPPORTUNITY,15,0.5\r
                ebook,CUSTOMER,7,0.4667\r
                ebook,LOST,3,\r
                ebook,DISQUALIFIED,4,\r
                ebook,NURTURE,5,\r
                (none),LEAD,2,\r
                (none),MQL,0,0.0\r
                (none),SQL,0,0.0\r
                (none),OPPORTUNITY,0,0.0\r
                (none),CUSTOMER,0,0.0\r
                (none),LOST,0,\r
                (none),DISQUALIFIED,0,\r
                (none),NURTURE,0,\r
                """);
    }

    @Test
    void theSlaGivesComplianceMedianWeeksAndBreachesWithTheirTask() {
        Instant from = Instant.parse("2026-11-16T00:00:00Z");
        Instant to = Instant.parse("2026-11-30T00:00:00Z");
        UUID lead = UUID.fromString("0f8e4a52-3c1b-4c53-9d7e-2a1f0c7b9e11");
        when(sequences.firstAttempts(from, to, LeadSelection.EVERY)).thenReturn(new SequenceStats.FirstAttemptsByWeek(List.of(
                new SequenceStats.FirstAttempts("2026-W47", 9, 1, 1.0), new SequenceStats.FirstAttempts("2026-W48", 28, 2, 1.5)),
                new SequenceStats.FirstAttempts(null, 37, 3, 1.254)));
        when(sla.breaches(from, to, LeadSelection.EVERY, 100)).thenReturn(new SlaQuery.Breaches(3, List.of(new SlaQuery.Breach(lead, "Laura Gómez", "ana",
                "FIRST_CONTACT", Instant.parse("2026-11-20T17:00:00Z"), "/tasks/lead/" + lead))));
        var json = assertThat(mvc.get().uri("/api/reports/sla?from=2026-11-16&to=2026-11-30").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson();
        json.extractingPath("$.firstAttempt").isEqualTo(java.util.Map.of("due", 40, "met", 37, "breached", 3, "compliance", 0.925,
                "medianWorkingHoursToFirstAttempt", 1.25));
        json.extractingPath("$.byWeek[0]").isEqualTo(java.util.Map.of("week", "2026-W47", "due", 10, "met", 9, "breached", 1,
                "compliance", 0.9));
        json.extractingPath("$.breachesTotal").isEqualTo(3);
        json.extractingPath("$.breaches[0]").isEqualTo(java.util.Map.of("leadId", lead.toString(), "leadName", "Laura Gómez",
                "rep", "ana", "kind", "FIRST_CONTACT", "at", "2026-11-20T17:00:00Z", "taskUrl", "/tasks/lead/" + lead));

        assertThat(mvc.get().uri("/api/reports/sla?from=2026-11-16&to=2026-11-30").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .header(ACCEPT, "text/csv")).hasBodyTextEqualTo("""
                week,due,met,breached,compliance,medianWorkingHoursToFirstAttempt\r
                2026-W47,10,9,1,0.9,\r
                2026-W48,30,28,2,0.9333,\r
                total,40,37,3,0.925,1.25\r
                """);
    }

    @Test
    void theSequencesGiveCountersAndRatesPerStepTemplateAndVariant() {
        when(sequences.steps(any(), any(), any())).thenReturn(List.of(new SequenceStats.StepOutcomes(1, Channel.EMAIL,
                new SequenceStats.Outcomes(100, 8, 2, 1, 1))));
        when(sequences.templates(any(), any(), any())).thenReturn(List.of(new SequenceStats.TemplateOutcomes("any__any__awareness.es",
                new SequenceStats.Outcomes(50, 5, 0, 0, 1))));
        SequenceStats.StepVariant a = new SequenceStats.StepVariant(1, "a");
        SequenceStats.StepVariant b = new SequenceStats.StepVariant(1, "b");
        when(sequences.engagement(any(), any(), any())).thenReturn(new SequenceStats.Engagements(
                java.util.Map.of(1, new SequenceStats.Engagement(80, 40, 10)),
                java.util.Map.of("any__any__awareness.es", new SequenceStats.Engagement(50, 20, 5)),
                java.util.Map.of(a, new SequenceStats.Engagement(500, 150, 30), b, new SequenceStats.Engagement(500, 200, 33))));
        when(sequences.variants(any(), any(), any())).thenReturn(List.of(
                new SequenceStats.VariantOutcomes(a, new SequenceStats.Outcomes(500, 30, 6, 0, 0)),
                new SequenceStats.VariantOutcomes(b, new SequenceStats.Outcomes(500, 60, 9, 0, 0))));
        var json = assertThat(mvc.get().uri("/api/reports/sequences").header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk().bodyJson();
        json.extractingPath("$.steps[0]").isEqualTo(java.util.Map.ofEntries(java.util.Map.entry("step", 1),
                java.util.Map.entry("channel", "EMAIL"), java.util.Map.entry("sent", 100), java.util.Map.entry("replied", 8),
                java.util.Map.entry("meetings", 2), java.util.Map.entry("unsubscribed", 1), java.util.Map.entry("bounced", 1),
                java.util.Map.entry("replyRate", 0.08), java.util.Map.entry("meetingRate", 0.02),
                java.util.Map.entry("unsubscribeRate", 0.01), java.util.Map.entry("bounceRate", 0.01),
                java.util.Map.entry("tracked", 80), java.util.Map.entry("opened", 40), java.util.Map.entry("clicked", 10),
                java.util.Map.entry("openRate", 0.5), java.util.Map.entry("clickRate", 0.125)));
        json.extractingPath("$.templates[0].template").isEqualTo("any__any__awareness.es");
        json.extractingPath("$.templates[0].replyRate").isEqualTo(0.1);
        json.extractingPath("$.templates[0].openRate").isEqualTo(0.4);
        // The control has nothing to be compared with; b's open and reply rates are higher beyond chance, its clicks not.
        json.extractingPath("$.variants[0].variant").isEqualTo("a");
        json.extractingPath("$.variants[0].versusControl").isNull();
        json.extractingPath("$.variants[1].variant").isEqualTo("b");
        json.extractingPath("$.variants[1].replyRate").isEqualTo(0.12);
        json.extractingPath("$.variants[1].openRate").isEqualTo(0.4);
        json.extractingPath("$.variants[1].versusControl.replyRate.significant").isEqualTo(true);
        json.extractingPath("$.variants[1].versusControl.clickRate.significant").isEqualTo(false);
        json.extractingPath("$.variants[1].versusControl.verdict").asString()
                .startsWith("Significant against a: open rate higher (p = ").contains("reply rate higher").doesNotContain("click");

        assertThat(mvc.get().uri("/api/reports/sequences").header(AUTHORIZATION, WithApiKeySecurity.BEARER).header(ACCEPT, "text/csv"))
                .hasBodyTextEqualTo("""
                kind,key,channel,sent,replied,meetings,unsubscribed,bounced,replyRate,meetingRate,unsubscribeRate,bounceRate,\
                tracked,opened,clicked,openRate,clickRate\r
                step,1,EMAIL,100,8,2,1,1,0.08,0.02,0.01,0.01,80,40,10,0.5,0.125\r
                template,any__any__awareness.es,EMAIL,50,5,0,0,1,0.1,0.0,0.0,0.02,50,20,5,0.4,0.1\r
                variant,1:a,EMAIL,500,30,6,0,0,0.06,0.012,0.0,0.0,500,150,30,0.3,0.06\r
                variant,1:b,EMAIL,500,60,9,0,0,0.12,0.018,0.0,0.0,500,200,33,0.4,0.066\r
                """);
    }

    @Test
    void theRepsGiveOpenAndOverdueTasksAndTheCapacityUsedInThePeriod() {
        when(tasks.byAssignee()).thenReturn(java.util.Map.of("ana", new TaskLoad.Load(12, 2)));
        when(directory.workloads()).thenReturn(List.of(
                new io.leadflow.assignment.RepWorkload(new io.leadflow.assignment.Rep("ana", "Ana Torres", "ana@leadflow.local",
                        "latam", true, false, null, 100), 40),
                new io.leadflow.assignment.RepWorkload(new io.leadflow.assignment.Rep("zoe", "Zoe Park", "zoe@leadflow.local",
                        "emea", true, false, null, 60), 10)));
        // Month to date: 25 of November's 30 days, so 83 of Ana's 100 a month.
        when(directory.assigned(NOVEMBER, TOMORROW)).thenReturn(java.util.Map.of("ana", 40L, "zoe", 10L));
        assertThat(mvc.get().uri("/api/reports/reps").header(AUTHORIZATION, WithApiKeySecurity.BEARER)).hasStatusOk().bodyJson()
                .extractingPath("$.reps[0]").isEqualTo(java.util.Map.of("username", "ana", "name", "Ana Torres", "team", "latam",
                        "openTasks", 12, "overdueTasks", 2, "assigned", 40, "monthlyCapacity", 100, "capacity", 83, "capacityUse", 0.4819));
        // A week of one team: its reps only, a week's share of the month's capacity.
        when(directory.repsOf("latam")).thenReturn(Optional.of(Set.of("ana", "ben")));
        when(directory.assigned(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-09T00:00:00Z")))
                .thenReturn(java.util.Map.of("ana", 14L));
        assertThat(mvc.get().uri("/api/reports/reps?from=2026-11-02&to=2026-11-09&team=latam").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .header(ACCEPT, "text/csv")).hasBodyTextEqualTo("""
                username,name,team,openTasks,overdueTasks,assigned,monthlyCapacity,capacity,capacityUse\r
                ana,Ana Torres,latam,12,2,14,100,23,0.6087\r
                """);
        assertProblem("/api/reports/reps?rep=nobody", "rep");
    }

    @Test
    void theRejectionsCountByReasonSourceLeadTypeAndFitRuleMonthToDateByDefault() {
        when(rejections.summary(NOVEMBER, TOMORROW, LeadSelection.EVERY)).thenReturn(new Rejections.Summary(3,
                List.of(new Rejections.Count("student", "Student", 2), new Rejections.Count("other", "Other", 1)),
                List.of(new Rejections.Count("ebook", "ebook", 3)), List.of(new Rejections.Count("FORM_FILL", "FORM_FILL", 3)),
                List.of(new Rejections.FitRuleCount("lead-fit", 2, "Rule_LeadFit_Mql", "A decision maker", 2),
                        new Rejections.FitRuleCount(null, null, null, null, 1))));
        var json = assertThat(mvc.get().uri("/api/reports/rejections").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson();
        json.extractingPath("$.from").isEqualTo("2026-11-01");
        json.extractingPath("$.total").isEqualTo(3);
        json.extractingPath("$.byFitRule[0].decidedBy").isEqualTo("lead-fit v2, rule Rule_LeadFit_Mql (A decision maker)");
        json.extractingPath("$.byFitRule[1].decidedBy").isEqualTo("no fit rule");
        assertThat(mvc.get().uri("/api/reports/rejections").header(AUTHORIZATION, WithApiKeySecurity.BEARER).header(ACCEPT, "text/csv"))
                .hasBodyTextEqualTo("""
                dimension,key,label,rejections\r
                reason,student,Student,2\r
                reason,other,Other,1\r
                source,ebook,ebook,3\r
                leadType,FORM_FILL,FORM_FILL,3\r
                fitRule,Rule_LeadFit_Mql,"lead-fit v2, rule Rule_LeadFit_Mql (A decision maker)",2\r
                fitRule,,no fit rule,1\r
                total,,,3\r
                """);
    }
}
