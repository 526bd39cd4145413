package io.leadflow.sequence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import io.leadflow.lead.LeadType;
import io.leadflow.process.ProcessTestEngine;
import io.leadflow.process.SequenceProcess;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans the deployed cadence (processes/sequence-cadence.dmn evaluated on the engine for every lead type, its rows read
 * as the plan-sequence worker reads them) for a lead starting on every day of 2027 at times around and inside working
 * hours. {@code DeployedSequenceYearTest} runs the deployed models themselves on the sandbox engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequencePlannerYearTest {

    private static final int YEAR = 2027;
    private static final LocalTime WORK_START = LocalTime.of(9, 0);
    private static final LocalTime WORK_END = LocalTime.of(17, 0);
    private static final List<LocalTime> START_TIMES = List.of(
            LocalTime.of(3, 0), LocalTime.of(8, 59), LocalTime.of(9, 0), LocalTime.of(12, 0),
            LocalTime.of(16, 30), LocalTime.of(16, 59), LocalTime.of(17, 0), LocalTime.of(22, 0));

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(), new CalendarProperties(WORK_START, WORK_END));
    private final SequencePlanner planner = new SequencePlanner(calendar, 4, 14);
    private Map<List<CadenceStep>, List<LeadType>> cadences;

    /** Each cadence the deployed decision gives, with the lead types that get it. */
    @BeforeAll
    void evaluateTheDeployedCadence() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<List<CadenceStep>, List<LeadType>> byCadence = new LinkedHashMap<>();
        try (ProcessTestEngine engine = ProcessTestEngine.deploying(List.of("sequence-cadence.dmn"))) {
            for (LeadType type : LeadType.values()) {
                EvaluateDecisionResponse response = engine.evaluate(SequenceProcess.CADENCE_DECISION, Map.of("leadType", type.name()));
                assertThat(response.getFailureMessage()).as("the cadence of %s", type).isNullOrEmpty();
                List<CadenceStep> cadence = CadenceDecision.steps(json.readValue(response.getDecisionOutput(),
                        new TypeReference<List<SequenceProcess.CadenceRow>>() {
                        }));
                byCadence.computeIfAbsent(cadence, steps -> new ArrayList<>()).add(type);
            }
        }
        cadences = byCadence;
    }

    @ParameterizedTest
    @CsvSource({
            "MX, America/Mexico_City",
            "CO, America/Bogota",
            "ES, Europe/Madrid",
            "US, America/New_York",
            "AR, America/Argentina/Buenos_Aires"})
    void everyPlanKeepsTheCadenceRules(String country, ZoneId zone) {
        Set<LocalDate> holidays = publicHolidaysPerJollyday(country);
        for (LocalDate day = LocalDate.of(YEAR, 1, 1); day.getYear() == YEAR; day = day.plusDays(1)) {
            for (LocalTime time : START_TIMES) {
                Instant start = ZonedDateTime.of(day, time, zone).toInstant();
                cadences.forEach((cadence, types) -> assertKeepsTheRules(planner.plan(start, country, zone, cadence), start,
                        country, zone, holidays, types));
            }
        }
    }

    private void assertKeepsTheRules(List<PlannedAttempt> plan, Instant start, String country, ZoneId zone,
                                     Set<LocalDate> holidays, List<LeadType> types) {
        assertThat(plan).as(() -> "plan for " + types + " from " + start.atZone(zone)).hasSize(5).allSatisfy(attempt -> {
            LocalDate date = attempt.at().toLocalDate();
            LocalTime time = attempt.at().toLocalTime();
            assertThat(attempt.at().getZone()).isEqualTo(zone);
            assertThat(date.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(holidays).doesNotContain(date);
            assertThat(time).isAfterOrEqualTo(WORK_START).isBefore(WORK_END);
            assertThat(attempt.due()).isAfter(attempt.at());
        });
        for (int i = 1; i < plan.size(); i++) {
            assertThat(plan.get(i).at()).as(() -> "plan for " + types + " from " + start.atZone(zone)).isAfter(plan.get(i - 1).at());
        }
        assertThat(plan.getLast().at())
                .as(() -> "last attempt of the plan for " + types + " from " + start.atZone(zone))
                .isBeforeOrEqualTo(start.atZone(zone).plusDays(14));
        assertThat(calendar.addWorkingTime(start, Duration.ofHours(4), country, zone))
                .as(() -> "first-attempt deadline of the plan for " + types + " from " + start.atZone(zone))
                .isAfterOrEqualTo(plan.getFirst().at());
    }

    // Straight from jollyday, over the years a 2027 plan can reach, including holidays taken in a neighbouring year.
    private static Set<LocalDate> publicHolidaysPerJollyday(String country) {
        HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create(country));
        return IntStream.rangeClosed(YEAR - 1, YEAR + 2)
                .mapToObj(year -> holidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY))
                .flatMap(Set::stream)
                .map(Holiday::getDate)
                .collect(Collectors.toSet());
    }
}
