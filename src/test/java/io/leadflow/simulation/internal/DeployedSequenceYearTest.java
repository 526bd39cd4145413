package io.leadflow.simulation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import io.leadflow.email.EmailTemplateCatalog;
import io.leadflow.email.SendingLimit;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.Json;
import io.leadflow.sequence.SequencePlanner;
import io.leadflow.simulation.SimulationProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar proof of the deployed models: the deployed journey, replayed on the sandbox engine with the deployed
 * lead-sequence and its cadence decision (not a copy of the cadence), for MQLs arriving through 2027 in each country the
 * calendar is used for; every touch (an email sent, a call or social touch planned) falls in the lead's working time,
 * without its country's public holidays (straight from jollyday), and the five attempts fit in the 14 days from the
 * start, the first within the first-attempt SLA. Every rep task is done an hour after it opens, with nothing coming of
 * it, so the follow-up emails of the calls are touches too.
 * <p>
 * A replayed lead costs the engine some forty jobs and twenty timers, so the year is sampled where plans are pushed: the
 * working day before each public holiday and every fourth Friday, each start at a working hour that turns through the
 * day's eight, so that every hour of the working day starts some plan. All countries share one sandbox.
 * <p>
 * Every build proves the hardest day of each country; the sampled year runs on request:
 * {@code mvn test -Dtest=DeployedSequenceYearTest -Dleadflow.calendar-proof=year}. {@code SequencePlannerYearTest}
 * plans every day of the year with the deployed cadence on the planner the plan-sequence worker calls.
 */
class DeployedSequenceYearTest {

    private static final int YEAR = 2027;
    private static final LocalTime WORK_START = LocalTime.of(9, 0);
    private static final LocalTime WORK_END = LocalTime.of(17, 0);
    private static final Duration FIRST_ATTEMPT_SLA = Duration.ofHours(4);
    private static final Map<String, ZoneId> COUNTRIES = Map.of("MX", ZoneId.of("America/Mexico_City"),
            "CO", ZoneId.of("America/Bogota"), "ES", ZoneId.of("Europe/Madrid"), "US", ZoneId.of("America/New_York"),
            "AR", ZoneId.of("America/Argentina/Buenos_Aires"));

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(), new CalendarProperties(WORK_START, WORK_END));
    private final Json json = new Json(new ObjectMapper().registerModule(new JavaTimeModule()));
    private final SimulationProperties settings = new SimulationProperties(Duration.ofDays(7), DataSize.ofMegabytes(1), 100_000, 23,
            1.0, Duration.ofHours(1), Duration.ofDays(30));
    private final Replay.Sequences sequences = new Replay.Sequences(new SequencePlanner(calendar, 4, 14),
            ReplayTest.templates(new EmailTemplateCatalog(), Map.of()),
            new RepMailboxes(Map.of("ana", "ana@leadflow.test"), Map.of("ana@leadflow.test", new SendingLimit(200, 50))));
    private final RepTeams teams = new RepTeams(Map.of("latam", List.of("ana")), "latam", Map.of("ana", "marta"), Map.of("ana", 10_000));

    /**
     * Per country, the working day before a public holiday whose next 14 days hold the most days off (Holy Week, the
     * year's end), started at a working hour that turns from country to country.
     */
    @Test
    void everyTouchOfTheDeployedSequenceFallsInWorkingTimeOnTheHardestDaysOfTheYear() {
        proveFor((days, offDays) -> days.stream()
                .filter(day -> offDays.contains(day.plusDays(1)) && day.plusDays(1).getDayOfWeek().getValue() <= 5)
                .sorted(Comparator.comparing((LocalDate day) -> -daysOffWithin14(day, offDays)).thenComparing(day -> day))
                .limit(1)
                .toList());
    }

    /**
     * The year, sampled: the working day before each public holiday and every fourth Friday (some 120 leads, more than
     * ten minutes), with {@code -Dleadflow.calendar-proof=year}.
     */
    @Test
    @EnabledIfSystemProperty(named = "leadflow.calendar-proof", matches = "year")
    void everyTouchOfTheDeployedSequenceFallsInWorkingTimeThroughTheYear() {
        proveFor((days, offDays) -> days.stream()
                .filter(day -> (offDays.contains(day.plusDays(1)) && day.plusDays(1).getDayOfWeek().getValue() <= 5)
                        || (day.getDayOfWeek() == DayOfWeek.FRIDAY && day.getDayOfYear() % 28 < 7))
                .toList());
    }

    private static long daysOffWithin14(LocalDate day, Set<LocalDate> offDays) {
        return day.datesUntil(day.plusDays(15)).filter(offDays::contains).count();
    }

    private void proveFor(BiFunction<List<LocalDate>, Set<LocalDate>, List<LocalDate>> startDays) {
        Map<String, Set<LocalDate>> holidays = new HashMap<>();
        List<ReplayLead> leads = new ArrayList<>();
        int turn = 0;
        for (String country : new TreeSet<>(COUNTRIES.keySet())) {
            ZoneId zone = COUNTRIES.get(country);
            Set<LocalDate> offDays = publicHolidaysPerJollyday(country);
            holidays.put(country, offDays);
            List<LocalDate> workingDays = LocalDate.of(YEAR, 1, 1).datesUntil(LocalDate.of(YEAR + 1, 1, 1))
                    .filter(day -> day.getDayOfWeek().getValue() <= 5 && !offDays.contains(day)).toList();
            for (LocalDate day : startDays.apply(workingDays, offDays)) {
                leads.add(lead(country + turn, ZonedDateTime.of(day, WORK_START.plusHours(turn++ % 8), zone).toInstant(), country, zone));
            }
        }
        leads.sort(Comparator.comparing(ReplayLead::arrivedAt).thenComparing(ReplayLead::id));
        Replay replay = new Replay(settings, calendar, json, teams, FIRST_ATTEMPT_SLA, sequences);

        List<LeadOutcome> outcomes = replay.run(ModelSet.deployed("file:processes/*"), leads,
                leads.getLast().arrivedAt().plus(Duration.ofDays(20)), new Replay.Progress() {
                    @Override
                    public void leadsStarted(int started) {
                    }

                    @Override
                    public boolean cancelled() {
                        return false;
                    }
                });

        assertThat(leads.stream().map(lead -> lead.arrivedAt().atZone(lead.zone()).toLocalTime()).distinct())
                .hasSize(Math.min(8, leads.size()));
        for (int i = 0; i < leads.size(); i++) {
            ReplayLead lead = leads.get(i);
            LeadOutcome outcome = outcomes.get(i);
            ZonedDateTime start = lead.arrivedAt().atZone(lead.zone());
            assertThat(outcome.incidents()).as("incidents of the lead from %s", start).isEmpty();
            List<LeadOutcome.Touch> touches = outcome.touches().stream().filter(touch -> touch.round() == 1).toList();
            assertThat(touches.stream().map(LeadOutcome.Touch::step).distinct())
                    .as("attempts of the lead from %s", start).containsExactly(1, 2, 3, 4, 5);
            assertThat(touches).as("touches of the lead from %s", start).allSatisfy(touch -> {
                ZonedDateTime at = touch.at().atZone(lead.zone());
                assertThat(at.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(holidays.get(lead.country())).doesNotContain(at.toLocalDate());
                assertThat(at.toLocalTime()).isAfterOrEqualTo(WORK_START).isBefore(WORK_END);
                assertThat(at).isBeforeOrEqualTo(start.plusDays(14));
            });
            assertThat(touches.getFirst().at()).as("first attempt of the lead from %s", start).isBeforeOrEqualTo(
                    calendar.addWorkingTime(lead.arrivedAt(), FIRST_ATTEMPT_SLA, lead.country(), lead.zone()).toInstant());
        }
    }

    /** A marketing-qualified lead: a chief executive of a mid-sized company in the region the fit rule favours. */
    private static ReplayLead lead(String name, Instant arrived, String country, ZoneId zone) {
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> facts = new HashMap<>(Map.of("role", "CEO", "industry", "retail", "employees", 300, "region", "LATAM",
                "personalEmail", false, "powerSignal", false, "signalStrength", 0, "triggerFitsPersona", false));
        Map<String, Object> start = new HashMap<>(Map.of("leadId", id.toString(), "leadType", "FORM_FILL", "country", country,
                "timeZone", zone.getId(), "language", "en", "personKnown", true));
        return new ReplayLead(id, name, arrived, country, zone, start, facts, List.<Timeline.Entry>of());
    }

    // Straight from jollyday, over the years a 2027 plan can reach, including holidays taken in a neighbouring year.
    private static Set<LocalDate> publicHolidaysPerJollyday(String country) {
        HolidayManager holidays;
        // The lock BusinessHoursCalendar takes: jollyday fills its data sources lazily and unguarded.
        synchronized (HolidayManager.class) {
            holidays = HolidayManager.getInstance(ManagerParameters.create(country));
        }
        return IntStream.rangeClosed(YEAR - 1, YEAR + 2)
                .mapToObj(year -> holidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY))
                .flatMap(Set::stream)
                .map(Holiday::getDate)
                .collect(Collectors.toSet());
    }
}
