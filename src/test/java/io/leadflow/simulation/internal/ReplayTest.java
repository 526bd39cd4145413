package io.leadflow.simulation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import io.leadflow.email.EmailModel;
import io.leadflow.email.EmailTemplateCatalog;
import io.leadflow.email.SendingLimit;
import io.leadflow.email.TemplateKey;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.Json;
import io.leadflow.sequence.SequencePlanner;
import io.leadflow.sequence.SequenceProperties;
import io.leadflow.sequence.SequenceTemplates;
import io.leadflow.sequence.internal.StepVariants;
import io.leadflow.simulation.SimulationProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replays leads through the deployed models and through a candidate with a lower MQL threshold and Spain moved to the
 * LATAM team, on sandbox engines, and checks the diff against the fit and territory rules computed here independently.
 */
class ReplayTest {

    private static final ModelSet DEPLOYED = ModelSet.deployed("file:processes/*");
    private static final RepTeams TEAMS = new RepTeams(Map.of("latam", List.of("ana", "luis"), "international", List.of("ben")),
            "latam", Map.of("ana", "marta", "luis", "marta", "ben", "marta"), Map.of("ana", 40, "luis", 40, "ben", 40));

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(),
            new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    private final Json json = new Json(new ObjectMapper().registerModule(new JavaTimeModule()));
    // No history answers the research task, and none is drawn to be done: its SLA breaches.
    private final SimulationProperties settings = new SimulationProperties(Duration.ofDays(7), DataSize.ofMegabytes(1), 100, 23,
            0.0, Duration.ofHours(6), Duration.ofDays(30));
    private final SequencePlanner planner = new SequencePlanner(calendar, 4, 14);
    private final Replay.Sequences sequences = new Replay.Sequences(planner, templates(new EmailTemplateCatalog(), Map.of()),
            mailboxes(new SendingLimit(200, 50)));

    private final List<ReplayLead> leads = List.of(
            lead(1, "2026-03-02T10:00:00Z", "ES", "Europe/Madrid", "CEO", "retail", 250, "EMEA", false, true),
            lead(2, "2026-03-03T15:00:00Z", "US", "America/New_York", "CTO", "retail", 1500, "NA", false, true),
            lead(3, "2026-03-04T12:00:00Z", "MX", "America/Mexico_City", "CMO", "retail", 300, "LATAM", false, true),
            lead(4, "2026-03-05T09:30:00Z", "AR", "America/Argentina/Buenos_Aires", "STUDENT", "telecom", 300, "LATAM", true, true),
            lead(5, "2026-03-06T11:00:00Z", "ES", "Europe/Madrid", "MARKETING_ANALYST", "retail", 50, "EMEA", false, true),
            lead(6, "2026-03-09T14:00:00Z", "CO", "America/Bogota", null, null, 800, "LATAM", false, false));

    @Test
    void theDiffIsWhatTheChangedRulesGiveAndTheSameInputsReplayAlike() {
        ModelSet candidate = DEPLOYED.withCandidates(Map.of(
                "lead-fit.dmn", changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55"),
                "lead-assignment.dmn", changed("lead-assignment.dmn", "\"US\",\"CA\",\"GB\",\"ES\"", "\"US\",\"CA\",\"GB\"")));
        Instant until = Instant.parse("2026-04-10T00:00:00Z");

        SimulationDiff diff = diff(candidate, until);

        Map<UUID, String> expectedStages = new HashMap<>();
        Map<UUID, String> expectedTeams = new HashMap<>();
        for (ReplayLead lead : leads) {
            Map<String, Object> facts = lead.fitFacts();
            if (!(Boolean) lead.startVariables().get("personKnown")) {
                continue;
            }
            String before = stage(facts, 70);
            String after = stage(facts, 55);
            String teamBefore = "MQL".equals(before) ? team(lead.country(), facts, Set.of("US", "CA", "GB", "ES")) : null;
            String teamAfter = "MQL".equals(after) ? team(lead.country(), facts, Set.of("US", "CA", "GB")) : null;
            if (!before.equals(after) || !Objects.equals(teamBefore, teamAfter)) {
                expectedStages.put(lead.id(), before + "->" + after);
                expectedTeams.put(lead.id(), teamBefore + "->" + teamAfter);
            }
        }
        // A lead that became an MQL takes a turn in its team's rotation: the leads after it in that team change rep only.
        assertThat(changes(diff, 3)).containsExactly("owner");
        assertThat(changes(diff, 6)).containsExactly("owner");
        List<SimulationDiff.ChangedLead> routed = diff.changedLeads().stream()
                .filter(changed -> changed.changed().contains("stage") || changed.changed().contains("team")).toList();
        Map<UUID, String> stages = routed.stream().collect(Collectors.toMap(SimulationDiff.ChangedLead::leadId,
                changed -> changed.deployed().stage() + "->" + changed.candidate().stage()));
        Map<UUID, String> teams = routed.stream().collect(Collectors.toMap(SimulationDiff.ChangedLead::leadId,
                changed -> changed.deployed().team() + "->" + changed.candidate().team()));
        assertThat(stages).isEqualTo(expectedStages).hasSize(2);
        assertThat(teams).isEqualTo(expectedTeams);
        assertThat(teams.get(id(1))).isEqualTo("null->latam");
        assertThat(diff.changedLeads()).allSatisfy(changed -> assertThat(changed.link()).isEqualTo("/leads/" + changed.leadId()));
        assertThat(diff.deployed().stages()).containsEntry("MQL", 1).containsEntry("DISQUALIFIED", 1);
        assertThat(diff.candidate().stages()).containsEntry("MQL", 3);
        assertThat(diff.candidate().emails()).containsEntry("Task_NotifyRep (rep-notification)", 3);

        // The company-only lead: its research task, never done, breaches its SLA on both sides alike. Each MQL's sequence:
        // its first call, follow-up call and social touch never done, the first call breaches its SLA (and the manager's
        // decision is a task too), the follow-up call missed flags the sequence behind; its two emails are sent.
        assertThat(stages).doesNotContainKey(id(6));
        assertThat(diff.deployed().breaches()).isEqualTo(1 + 2);
        assertThat(diff.deployed().tasks()).isEqualTo(1 + 4);
        assertThat(diff.candidate().breaches()).isEqualTo(1 + 3 * 2);
        assertThat(diff.candidate().tasks()).isEqualTo(1 + 3 * 4);
        assertThat(diff.candidate().stagesReached()).containsEntry("MQL", 3);
        assertThat(diff.candidate().emails()).containsEntry("step 2 (any__any__awareness.en.ftl)", 3)
                .containsEntry("step 5 (any__any__decision.en.ftl)", 3);
        assertThat(diff.deployed().incidents()).isZero();
        assertThat(diff.candidate().incidents()).isZero();

        assertThat(json.write(diff(candidate, until))).isEqualTo(json.write(diff));
    }

    @Test
    void aChangedCadenceMovesTheEmailToTheDayItSays() {
        ModelSet lowerThreshold = DEPLOYED.withCandidates(Map.of("lead-fit.dmn", changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55")));
        String dayOffset = "<outputEntry id=\"OutputEntry_Cadence_Step2_DayOffset\">\n          <text>";
        ModelSet laterEmail = lowerThreshold.withCandidates(Map.of("sequence-cadence.dmn",
                changed("sequence-cadence.dmn", dayOffset + "2</text>", dayOffset + "3</text>")));
        Replay replay = new Replay(settings, calendar, json, TEAMS, Duration.ofHours(4), sequences);
        Instant until = Instant.parse("2026-04-10T00:00:00Z");

        SimulationDiff diff = SimulationDiff.of(replay.run(lowerThreshold, leads, until, NO_PROGRESS),
                replay.run(laterEmail, leads, until, NO_PROGRESS), TEAMS.monthlyCapacity());

        // The MQLs (leads 1 to 3) change their second touch only: at 10:00 on the first working day from the start's
        // day plus the day offset, counted here on the weekdays and the holidays of the lead's country.
        assertThat(diff.changedLeads()).extracting(SimulationDiff.ChangedLead::leadId).containsExactly(id(1), id(2), id(3));
        for (SimulationDiff.ChangedLead changed : diff.changedLeads()) {
            ReplayLead lead = leads.stream().filter(l -> l.id().equals(changed.leadId())).findFirst().orElseThrow();
            assertThat(changed.changed()).containsExactlyInAnyOrder("touches", "firstTouchWorkingHours");
            assertThat(emailAt(changed.deployed())).isEqualTo(slot(lead, 2));
            assertThat(emailAt(changed.candidate())).isEqualTo(slot(lead, 3));
            double expectedHours = calendar.workingTimeBetween(lead.arrivedAt(), slot(lead, 3).toInstant(), lead.country(),
                    lead.zone()).toMinutes() / 60.0;
            assertThat(changed.candidate().firstTouchWorkingHours()).isEqualTo(expectedHours);
        }
        assertThat(diff.candidate().emails()).isEqualTo(diff.deployed().emails());
        assertThat(diff.candidate().tasks()).isEqualTo(diff.deployed().tasks());
    }

    @Test
    void eachLeadGetsTheTemplateVariantLeadflowDrawsForItsStep(@TempDir Path folder) throws IOException {
        // The shipped templates, and a variant b of the one the MQLs' second email (awareness, English) goes with.
        Path shipped = Path.of("email-templates/sequence");
        try (var files = Files.list(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        Files.copy(shipped.resolve("any__any__awareness.en.ftl"), folder.resolve("any__any__awareness.en.b.ftl"));
        Map<Integer, Map<String, Integer>> variants = Map.of(2, Map.of("a", 50, "b", 50));
        Replay withVariants = new Replay(settings, calendar, json, TEAMS, Duration.ofHours(4), new Replay.Sequences(planner,
                templates(EmailTemplateCatalog.fromDirectory(folder), variants), mailboxes(new SendingLimit(200, 50))));
        Replay without = new Replay(settings, calendar, json, TEAMS, Duration.ofHours(4), sequences);
        ModelSet lowerThreshold = DEPLOYED.withCandidates(Map.of("lead-fit.dmn", changed("lead-fit.dmn", "&gt;= 70", "&gt;= 55")));
        Instant until = Instant.parse("2026-04-10T00:00:00Z");

        SimulationDiff diff = SimulationDiff.of(without.run(lowerThreshold, leads, until, NO_PROGRESS),
                withVariants.run(lowerThreshold, leads, until, NO_PROGRESS), TEAMS.monthlyCapacity());

        // The MQLs (leads 1 to 3) the draw gives b change their second email's template, and nothing else.
        StepVariants draw = new StepVariants(settings(variants));
        List<UUID> drawnB = List.of(id(1), id(2), id(3)).stream().filter(lead -> draw.of(lead, 2).orElseThrow().equals("b")).toList();
        assertThat(drawnB).isNotEmpty().hasSizeLessThan(3);
        assertThat(diff.changedLeads()).extracting(SimulationDiff.ChangedLead::leadId).containsExactlyInAnyOrderElementsOf(drawnB);
        for (SimulationDiff.ChangedLead changed : diff.changedLeads()) {
            assertThat(changed.changed()).containsExactly("emails");
            assertThat(changed.deployed().emails()).containsEntry("step 2 (any__any__awareness.en.ftl)", 1);
            assertThat(changed.candidate().emails()).containsEntry("step 2 (any__any__awareness.en.b.ftl)", 1)
                    .doesNotContainKey("step 2 (any__any__awareness.en.ftl)")
                    .containsEntry("step 5 (any__any__decision.en.ftl)", 1);
        }
        assertThat(diff.candidate().emails()).containsEntry("step 2 (any__any__awareness.en.b.ftl)", drawnB.size())
                .containsEntry("step 2 (any__any__awareness.en.ftl)", 3 - drawnB.size());
    }

    @Test
    void anEmailOverItsRepsDailyLimitGoesAtTheMailboxsNextWorkingSlot() {
        // One rep, whose mailbox sends one sequence email a day; two MQLs (Mexico City) arrive together on Wednesday
        // 2026-03-04, so their second attempts, emails, come due together on Friday at 10:00 local (16:00 UTC).
        RepTeams oneRep = new RepTeams(Map.of("latam", List.of("ana")), "latam", Map.of("ana", "marta"), Map.of("ana", 40));
        List<ReplayLead> together = List.of(
                lead(11, "2026-03-04T16:00:00Z", "MX", "America/Mexico_City", "CMO", "retail", 300, "LATAM", false, true),
                lead(12, "2026-03-04T16:00:00Z", "MX", "America/Mexico_City", "CMO", "retail", 300, "LATAM", false, true));
        Instant until = Instant.parse("2026-04-10T00:00:00Z");
        Replay roomy = new Replay(settings, calendar, json, oneRep, Duration.ofHours(4),
                new Replay.Sequences(planner, templates(new EmailTemplateCatalog(), Map.of()), mailboxes(new SendingLimit(200, 50))));
        Replay onePerDay = new Replay(settings, calendar, json, oneRep, Duration.ofHours(4),
                new Replay.Sequences(planner, templates(new EmailTemplateCatalog(), Map.of()), mailboxes(new SendingLimit(1, 50))));

        List<LeadOutcome> asDue = roomy.run(DEPLOYED, together, until, NO_PROGRESS);
        List<LeadOutcome> limited = onePerDay.run(DEPLOYED, together, until, NO_PROGRESS);

        // Without the limit both second emails go when due. With it, the day's one slot goes to one of them; the other
        // waits for the next UTC day's first working moment of the lead: Friday 18:00 local is after work, so Monday
        // 2026-03-09 at 09:00 local (15:00 UTC), and that email is the lead's first touch.
        Instant due = Instant.parse("2026-03-06T16:00:00Z");
        Instant nextSlot = Instant.parse("2026-03-09T15:00:00Z");
        assertThat(asDue).extracting(outcome -> emailAt(outcome).toInstant()).containsExactly(due, due);
        assertThat(limited).extracting(outcome -> emailAt(outcome).toInstant()).containsExactlyInAnyOrder(due, nextSlot);
        LeadOutcome moved = limited.stream().filter(outcome -> emailAt(outcome).toInstant().equals(nextSlot)).findFirst().orElseThrow();
        ReplayLead lead = together.stream().filter(l -> l.id().equals(moved.leadId())).findFirst().orElseThrow();
        assertThat(moved.firstTouchWorkingHours()).isEqualTo(calendar.workingTimeBetween(lead.arrivedAt(), nextSlot, lead.country(),
                lead.zone()).toMinutes() / 60.0);
        SimulationDiff diff = SimulationDiff.of(asDue, limited, oneRep.monthlyCapacity());
        assertThat(diff.changedLeads()).filteredOn(changed -> changed.leadId().equals(moved.leadId())).singleElement()
                .satisfies(changed -> assertThat(changed.changed()).contains("touches", "firstTouchWorkingHours"));
        assertThat(diff.candidate().emails()).isEqualTo(diff.deployed().emails());
    }

    private static final Replay.Progress NO_PROGRESS = new Replay.Progress() {
        @Override
        public void leadsStarted(int leads) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    private static ZonedDateTime emailAt(LeadOutcome outcome) {
        return outcome.touches().stream().filter(touch -> touch.step() == 2).findFirst().orElseThrow().at().atZone(ZoneId.of("UTC"));
    }

    /** The cadence's slot of a later attempt, written out: 10:00 on the first working day on or after the start's day plus the offset. */
    private ZonedDateTime slot(ReplayLead lead, int dayOffset) {
        LocalDate day = lead.arrivedAt().atZone(lead.zone()).toLocalDate().plusDays(dayOffset);
        while (day.getDayOfWeek().getValue() > 5 || !calendar.isWorkingDay(day, lead.country())) {
            day = day.plusDays(1);
        }
        return day.atTime(10, 0).atZone(lead.zone()).withZoneSameInstant(ZoneId.of("UTC"));
    }

    @Test
    void aCancelledReplayStopsAtItsNextStep() {
        Replay replay = new Replay(settings, calendar, json, TEAMS, Duration.ofHours(4), sequences);
        AtomicInteger started = new AtomicInteger();
        Replay.Progress cancelledAfterTheFirstLead = new Replay.Progress() {
            @Override
            public void leadsStarted(int leads) {
                started.set(leads);
            }

            @Override
            public boolean cancelled() {
                return started.get() > 0;
            }
        };
        assertThatThrownBy(() -> replay.run(DEPLOYED, leads, Instant.parse("2026-04-10T00:00:00Z"),
                cancelledAfterTheFirstLead)).isInstanceOf(CancellationException.class);
        assertThat(started.get()).isEqualTo(1);
    }

    /** The live sequence's templates, with its journey stage of each step and these A/B variants. */
    static SequenceTemplates templates(EmailTemplateCatalog catalog, Map<Integer, Map<String, Integer>> variants) {
        return new SequenceTemplates(catalog, settings(variants));
    }

    /** The sequence's settings: its journey stage of each step, a content piece for every stage and language, these variants. */
    private static SequenceProperties settings(Map<Integer, Map<String, Integer>> variants) {
        Map<String, Map<String, EmailModel.Content>> content = new HashMap<>();
        TemplateKey.STAGES.forEach(stage -> content.put(stage, TemplateKey.LANGUAGES.stream()
                .collect(Collectors.toMap(language -> language, language -> new EmailModel.Content("Guide", "https://example.com/" + stage)))));
        return new SequenceProperties(14, List.of("awareness", "awareness", "consideration", "consideration", "decision"), null,
                content, Period.ofDays(7), 3, new SequenceProperties.Tracking(true, Duration.ofSeconds(10), List.of()), variants);
    }

    /** Each rep's own mailbox, all with this sending limit. */
    private static RepMailboxes mailboxes(SendingLimit limit) {
        Map<String, String> mailboxes = Map.of("ana", "ana@leadflow.test", "luis", "luis@leadflow.test", "ben", "ben@leadflow.test");
        return new RepMailboxes(mailboxes, mailboxes.values().stream().collect(Collectors.toMap(mailbox -> mailbox, mailbox -> limit)));
    }

    private static List<String> changes(SimulationDiff diff, int lead) {
        return diff.changedLeads().stream().filter(changed -> changed.leadId().equals(id(lead))).findFirst().orElseThrow().changed();
    }

    private SimulationDiff diff(ModelSet candidate, Instant until) {
        Replay replay = new Replay(settings, calendar, json, TEAMS, Duration.ofHours(4), sequences);
        Replay.Progress progress = new Replay.Progress() {
            @Override
            public void leadsStarted(int leads) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        return SimulationDiff.of(replay.run(DEPLOYED, leads, until, progress), replay.run(candidate, leads, until, progress),
                TEAMS.monthlyCapacity());
    }

    /** lead-fit, written out: the points of the fit signals, MQL for a decision maker at the threshold or above. */
    private static String stage(Map<String, Object> facts, int threshold) {
        String role = (String) facts.get("role");
        if ("STUDENT".equals(role) || "APAC".equals(facts.get("region"))) {
            return "DISQUALIFIED";
        }
        int score = ("telecom".equals(facts.get("industry")) ? 20 : 0)
                + ((Integer) facts.get("employees") >= 200 ? 35 : 0)
                + ("LATAM".equals(facts.get("region")) ? 35 : 0)
                + (Set.of("NA", "EMEA").contains(facts.get("region")) ? 25 : 0)
                + (Boolean.TRUE.equals(facts.get("powerSignal")) ? 10 : 0)
                + ((Integer) facts.get("signalStrength") >= 15 ? 10 : 0)
                + (Boolean.TRUE.equals(facts.get("triggerFitsPersona")) ? 10 : 0)
                - (Boolean.TRUE.equals(facts.get("personalEmail")) ? 20 : 0);
        boolean decisionMaker = Set.of("CEO", "GENERAL_MANAGER", "CMO", "MARKETING_DIRECTOR", "SALES_DIRECTOR", "CTO").contains(role);
        return decisionMaker && score >= threshold ? "MQL" : "LEAD";
    }

    /** lead-assignment, written out, with the countries the international team takes. */
    private static String team(String country, Map<String, Object> facts, Set<String> international) {
        if ("LATAM".equals(facts.get("region"))) {
            return "latam";
        }
        if (international.contains(country)) {
            return "international";
        }
        return "telecom".equals(facts.get("industry")) && (Integer) facts.get("employees") >= 1000 ? "international" : "latam";
    }

    private static byte[] changed(String file, String from, String to) {
        String model = new String(DEPLOYED.files().get(file), StandardCharsets.UTF_8);
        assertThat(model).contains(from);
        return model.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    private static UUID id(int n) {
        return new UUID(23, n);
    }

    private static ReplayLead lead(int n, String arrived, String country, String zone, String role, String industry,
                                   int employees, String region, boolean powerSignal, boolean personKnown) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("role", role);
        facts.put("industry", industry);
        facts.put("employees", employees);
        facts.put("region", region);
        facts.put("personalEmail", false);
        facts.put("powerSignal", powerSignal);
        facts.put("signalStrength", 0);
        facts.put("triggerFitsPersona", false);
        Map<String, Object> start = new HashMap<>(Map.of("leadId", id(n).toString(), "leadType", personKnown ? "FORM_FILL" : "COMPANY_VISIT",
                "country", country, "timeZone", zone, "language", "en", "personKnown", personKnown));
        return new ReplayLead(id(n), "Lead " + n, Instant.parse(arrived), country, ZoneId.of(zone), start, facts,
                List.<Timeline.Entry>of());
    }
}
