package io.leadflow.sequence;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static io.leadflow.sequence.Channel.CALL;
import static io.leadflow.sequence.Channel.EMAIL;
import static io.leadflow.sequence.Channel.SOCIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SequencePlannerTest {

    private static final List<CadenceStep> DEFAULT_CADENCE = List.of(
            new CadenceStep(1, CALL, 0),
            new CadenceStep(2, EMAIL, 2),
            new CadenceStep(3, CALL, 6),
            new CadenceStep(4, SOCIAL, 9),
            new CadenceStep(5, EMAIL, 13));

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(), new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    private final SequencePlanner planner = new SequencePlanner(calendar, 4, 14);

    private static Instant madrid(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(MADRID).toInstant();
    }

    private static PlannedAttempt attempt(int step, Channel channel, String at, String due) {
        return new PlannedAttempt(step, channel,
                LocalDateTime.parse(at).atZone(MADRID), LocalDateTime.parse(due).atZone(MADRID));
    }

    @Test
    void plansTheDefaultCadenceOnWorkingDays() {
        assertThat(planner.plan(madrid("2027-03-02T11:00"), "ES", MADRID, DEFAULT_CADENCE)).containsExactly(
                attempt(1, CALL, "2027-03-02T11:00", "2027-03-02T15:00"),
                attempt(2, EMAIL, "2027-03-04T10:00", "2027-03-04T17:00"),
                attempt(3, CALL, "2027-03-08T10:00", "2027-03-08T17:00"),
                attempt(4, SOCIAL, "2027-03-11T10:00", "2027-03-11T17:00"),
                attempt(5, EMAIL, "2027-03-15T10:00", "2027-03-15T17:00"));
    }

    @Test
    void plansTheStepsInStepOrderWhateverTheCadenceOrder() {
        Instant start = madrid("2027-03-02T11:00");

        assertThat(planner.plan(start, "ES", MADRID, DEFAULT_CADENCE.reversed()))
                .isEqualTo(planner.plan(start, "ES", MADRID, DEFAULT_CADENCE));
    }

    @Test
    void aFirstAttemptAfterHoursWaitsForTheNextWorkingMoment() {
        List<PlannedAttempt> plan = planner.plan(madrid("2027-03-05T16:30"), "ES", MADRID, DEFAULT_CADENCE);

        assertThat(plan.getFirst()).isEqualTo(attempt(1, CALL, "2027-03-05T16:30", "2027-03-08T12:30"));
    }

    @Test
    void anAttemptPushedPastTheWindowMovesBackIntoIt() {
        // Started on a Sunday: day 13 is a Saturday, and the Monday after it is past the 14 days.
        assertThat(planner.plan(madrid("2027-03-07T12:00"), "ES", MADRID, DEFAULT_CADENCE)).containsExactly(
                attempt(1, CALL, "2027-03-08T09:00", "2027-03-08T13:00"),
                attempt(2, EMAIL, "2027-03-09T10:00", "2027-03-09T17:00"),
                attempt(3, CALL, "2027-03-15T10:00", "2027-03-15T17:00"),
                attempt(4, SOCIAL, "2027-03-16T10:00", "2027-03-16T17:00"),
                attempt(5, EMAIL, "2027-03-19T10:00", "2027-03-19T17:00"));
    }

    @Test
    void attemptsOnTheSameDayKeepAGapAndAreDueWhenTheNextOneStarts() {
        List<CadenceStep> cadence = List.of(
                new CadenceStep(1, CALL, 0), new CadenceStep(2, EMAIL, 1), new CadenceStep(3, CALL, 1));

        assertThat(planner.plan(madrid("2027-03-02T11:00"), "ES", MADRID, cadence)).containsExactly(
                attempt(1, CALL, "2027-03-02T11:00", "2027-03-02T15:00"),
                attempt(2, EMAIL, "2027-03-03T10:00", "2027-03-03T11:00"),
                attempt(3, CALL, "2027-03-03T11:00", "2027-03-03T17:00"));
    }

    @Test
    void anAttemptStaysOutsideAWindowWithNoWorkingTimeLeft() {
        SequencePlanner oneDayPlanner = new SequencePlanner(calendar, 4, 1);
        List<CadenceStep> cadence = List.of(new CadenceStep(1, CALL, 0), new CadenceStep(2, EMAIL, 1));

        assertThat(oneDayPlanner.plan(madrid("2027-03-05T16:30"), "ES", MADRID, cadence))
                .extracting(PlannedAttempt::at)
                .containsExactly(
                        ZonedDateTime.of(LocalDateTime.parse("2027-03-05T16:30"), MADRID),
                        ZonedDateTime.of(LocalDateTime.parse("2027-03-08T10:00"), MADRID));
    }

    @Test
    void aPauseStartsAtTheFirstSlotOnOrAfterItsDay() {
        assertThat(planner.firstSlotOnOrAfter(LocalDate.parse("2027-03-09"), "ES", MADRID))
                .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2027-03-09T10:00"), MADRID));
        // a Saturday: the Monday after it
        assertThat(planner.firstSlotOnOrAfter(LocalDate.parse("2027-03-06"), "ES", MADRID))
                .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2027-03-08T10:00"), MADRID));
        // Monday 12 October 2026, Spain's national day: the Tuesday
        assertThat(planner.firstSlotOnOrAfter(LocalDate.parse("2026-10-12"), "ES", MADRID))
                .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2026-10-13T10:00"), MADRID));
    }

    @Test
    void shiftedAttemptsKeepTheirSpacingInWorkingDays() {
        List<PlannedAttempt> toCome = planner.plan(madrid("2027-03-02T11:00"), "ES", MADRID, DEFAULT_CADENCE).subList(1, 5);

        // Thursday, Monday, Thursday, Monday: 2, 3 and 2 working days apart, from Tuesday on.
        assertThat(planner.shift(toCome, planner.firstSlotOnOrAfter(LocalDate.parse("2027-03-16"), "ES", MADRID), "ES")).containsExactly(
                attempt(2, EMAIL, "2027-03-16T10:00", "2027-03-16T17:00"),
                attempt(3, CALL, "2027-03-18T10:00", "2027-03-18T17:00"),
                attempt(4, SOCIAL, "2027-03-23T10:00", "2027-03-23T17:00"),
                attempt(5, EMAIL, "2027-03-25T10:00", "2027-03-25T17:00"));
    }

    @Test
    void shiftedAttemptsSkipWeekendsAndHolidays() {
        List<PlannedAttempt> toCome = List.of(
                attempt(2, EMAIL, "2026-09-03T10:00", "2026-09-03T17:00"),
                attempt(3, CALL, "2026-09-07T10:00", "2026-09-07T17:00"));

        // Two working days after Friday 9 October 2026 are Tuesday 13 (the Monday is a holiday) and Wednesday 14.
        assertThat(planner.shift(toCome, planner.firstSlotOnOrAfter(LocalDate.parse("2026-10-09"), "ES", MADRID), "ES")).containsExactly(
                attempt(2, EMAIL, "2026-10-09T10:00", "2026-10-09T17:00"),
                attempt(3, CALL, "2026-10-14T10:00", "2026-10-14T17:00"));
    }

    @Test
    void aShiftKeepsEachDuesWorkingTimeAndMovesAnAttemptEndingAWorkingDayToTheNextMorning() {
        List<PlannedAttempt> toCome = List.of(
                attempt(1, CALL, "2027-03-02T11:00", "2027-03-02T15:00"),
                attempt(2, EMAIL, "2027-03-03T09:00", "2027-03-03T17:00"));

        // 6 working hours apart: from 11:00, the first's time runs out at 17:00, so the second goes at 09:00 the day after.
        assertThat(planner.shift(toCome, ZonedDateTime.of(LocalDateTime.parse("2027-03-05T11:00"), MADRID), "ES")).containsExactly(
                attempt(1, CALL, "2027-03-05T11:00", "2027-03-05T15:00"),
                attempt(2, EMAIL, "2027-03-08T09:00", "2027-03-08T17:00"));
    }

    @Test
    void aLateAttemptOutsideWorkingTimeMovesToTheNextWorkingMomentKeepingItsWorkingWindow() {
        PlannedAttempt call = attempt(3, CALL, "2027-03-05T10:00", "2027-03-05T17:00");

        // Its turn came on Friday at 19:52: Monday at 09:00, with the 7 working hours it had.
        assertThat(planner.delayOutsideWorkingTime(call, madrid("2027-03-05T19:52"), "ES")).contains(new SequencePlanner.Delay(
                attempt(3, CALL, "2027-03-08T09:00", "2027-03-08T16:00"), BusinessHoursCalendar.OffTime.OUTSIDE_WORKING_HOURS));
        assertThat(planner.delayOutsideWorkingTime(call, madrid("2027-03-06T11:00"), "ES")).map(SequencePlanner.Delay::reason)
                .contains(BusinessHoursCalendar.OffTime.WEEKEND);
        // Monday 12 October 2026, Spain's national day.
        assertThat(planner.delayOutsideWorkingTime(attempt(2, EMAIL, "2026-10-09T16:55", "2026-10-09T17:00"),
                madrid("2026-10-12T10:00"), "ES")).contains(new SequencePlanner.Delay(
                attempt(2, EMAIL, "2026-10-13T09:00", "2026-10-13T09:05"), BusinessHoursCalendar.OffTime.PUBLIC_HOLIDAY));
    }

    @Test
    void aLateAttemptInWorkingTimeIsMadeAsItIs() {
        assertThat(planner.delayOutsideWorkingTime(attempt(3, CALL, "2027-03-05T10:00", "2027-03-05T17:00"),
                madrid("2027-03-05T16:59"), "ES")).isEmpty();
    }

    @Test
    void rejectsAnInvalidCadenceStep() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CadenceStep(0, CALL, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new CadenceStep(1, CALL, -1));
    }
}
