package io.leadflow.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessHoursCalendarTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");
    private static final Duration FOUR_HOURS = Duration.ofHours(4);

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(), new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private static ZonedDateTime zoned(String dateTime, String offset, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atOffset(ZoneOffset.of(offset)).atZoneSameInstant(zone);
    }

    @Nested
    class WorkingTime {

        @Test
        void countsOnlyWorkingHoursAcrossTheWeekend() {
            assertThat(calendar.addWorkingTime(local("2027-03-05T16:30", MADRID), FOUR_HOURS, "ES", MADRID))
                    .isEqualTo(zoned("2027-03-08T12:30", "+01:00", MADRID));
        }

        @Test
        void skipsAMondayHoliday() {
            // 12 October 2026, Spain's national day, is a Monday.
            assertThat(calendar.addWorkingTime(local("2026-10-09T16:30", MADRID), FOUR_HOURS, "ES", MADRID))
                    .isEqualTo(zoned("2026-10-13T12:30", "+02:00", MADRID));
        }

        @Test
        void endsAtTheEndOfTheDayWhenTheTimeRunsOutThere() {
            assertThat(calendar.addWorkingTime(local("2027-03-02T13:00", MADRID), FOUR_HOURS, "ES", MADRID))
                    .isEqualTo(zoned("2027-03-02T17:00", "+01:00", MADRID));
        }

        @Test
        void startsCountingAtTheNextWorkingMoment() {
            assertThat(calendar.addWorkingTime(local("2027-03-06T11:00", MADRID), Duration.ZERO, "ES", MADRID))
                    .isEqualTo(zoned("2027-03-08T09:00", "+01:00", MADRID));
        }

        @Test
        void rejectsNegativeWorkingTime() {
            assertThatIllegalArgumentException().isThrownBy(() -> calendar.addWorkingTime(
                    local("2027-03-02T10:00", MADRID), Duration.ofHours(-1), "ES", MADRID));
        }

        @Test
        void workingTimeIncludesWorkStartAndExcludesWorkEnd() {
            assertThat(calendar.isWorkingTime(local("2027-03-02T08:59:59", MADRID), "ES", MADRID)).isFalse();
            assertThat(calendar.isWorkingTime(local("2027-03-02T09:00", MADRID), "ES", MADRID)).isTrue();
            assertThat(calendar.isWorkingTime(local("2027-03-02T16:59:59", MADRID), "ES", MADRID)).isTrue();
            assertThat(calendar.isWorkingTime(local("2027-03-02T17:00", MADRID), "ES", MADRID)).isFalse();
            assertThat(calendar.isWorkingTime(local("2027-03-06T12:00", MADRID), "ES", MADRID)).isFalse();
        }

        @Test
        void workingTimeBetweenCountsWhatAddingWorkingTimeAdds() {
            // Friday 16:30 to Tuesday 12:30 over a Monday holiday (12 October 2026 in Spain): 0:30 + 3:30.
            assertThat(calendar.workingTimeBetween(local("2026-10-09T16:30", MADRID), local("2026-10-13T12:30", MADRID), "ES", MADRID))
                    .isEqualTo(FOUR_HOURS);
            assertThat(calendar.workingTimeBetween(local("2027-03-06T11:00", MADRID), local("2027-03-08T09:00", MADRID), "ES", MADRID))
                    .isZero();
            assertThat(calendar.workingTimeBetween(local("2027-03-03T10:00", MADRID), local("2027-03-02T10:00", MADRID), "ES", MADRID))
                    .isZero();
            Instant from = local("2027-03-04T10:00", MADRID);
            Duration week = calendar.workingTimeBetween(from, local("2027-03-11T10:00", MADRID), "ES", MADRID);
            assertThat(week).isEqualTo(Duration.ofHours(40));
            assertThat(calendar.addWorkingTime(from, week, "ES", MADRID)).isEqualTo(zoned("2027-03-11T10:00", "+01:00", MADRID));
        }

        @Test
        void saysWhyAMomentIsNotWorkingTime() {
            assertThat(calendar.offTime(local("2027-03-02T12:00", MADRID), "ES", MADRID)).isEmpty();
            assertThat(calendar.offTime(local("2027-03-02T19:52", MADRID), "ES", MADRID))
                    .contains(BusinessHoursCalendar.OffTime.OUTSIDE_WORKING_HOURS);
            assertThat(calendar.offTime(local("2027-03-02T08:59", MADRID), "ES", MADRID))
                    .contains(BusinessHoursCalendar.OffTime.OUTSIDE_WORKING_HOURS);
            assertThat(calendar.offTime(local("2027-03-06T12:00", MADRID), "ES", MADRID)).contains(BusinessHoursCalendar.OffTime.WEEKEND);
            assertThat(calendar.offTime(local("2026-10-12T12:00", MADRID), "ES", MADRID))
                    .contains(BusinessHoursCalendar.OffTime.PUBLIC_HOLIDAY);
        }

        @Test
        void nextWorkingMomentIsTheInstantItselfDuringWorkingTime() {
            assertThat(calendar.nextWorkingMoment(local("2027-03-02T12:34:56", MADRID), "ES", MADRID))
                    .isEqualTo(zoned("2027-03-02T12:34:56", "+01:00", MADRID));
            assertThat(calendar.nextWorkingMoment(local("2027-03-02T17:00", MADRID), "ES", MADRID))
                    .isEqualTo(zoned("2027-03-03T09:00", "+01:00", MADRID));
            assertThat(calendar.nextWorkingMoment(local("2027-03-02T07:00", MADRID), "ES", MADRID))
                    .isEqualTo(zoned("2027-03-02T09:00", "+01:00", MADRID));
        }

        @Test
        void dueFromNowCountsFromTheClock() {
            Clock clock = Clock.fixed(local("2027-03-05T16:30", MADRID), MADRID);
            BusinessHoursCalendar fixedCalendar = new BusinessHoursCalendar(Clock.offset(clock, Duration.ofMinutes(30)), new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));

            assertThat(fixedCalendar.dueFromNow(FOUR_HOURS, "ES", MADRID))
                    .isEqualTo(zoned("2027-03-08T13:00", "+01:00", MADRID));
        }

        @Test
        void rejectsAWorkDayThatEndsBeforeItStarts() {
            assertThatIllegalArgumentException().isThrownBy(() -> new BusinessHoursCalendar(Clock.systemUTC(), new CalendarProperties(LocalTime.of(17, 0), LocalTime.of(9, 0))));
        }
    }

    @Nested
    class Holidays {

        @Test
        void mexicanIndependenceDayIsNotAWorkingDay() {
            assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 16), "MX")).isFalse();
            assertThat(calendar.addWorkingTime(local("2025-09-15T16:00", MEXICO_CITY), FOUR_HOURS, "MX", MEXICO_CITY))
                    .isEqualTo(zoned("2025-09-17T12:00", "-06:00", MEXICO_CITY));
        }

        @Test
        void observancesAreWorkingDays() {
            // In Mexico, 12 October is an observance, not a public holiday; in Spain it is a public holiday.
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 12), "MX")).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 12), "ES")).isFalse();
        }

        @Test
        void christmasIsNotAWorkingDay() {
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25), "ES")).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25), "es")).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 24), "ES")).isTrue();
        }

        @Test
        void aHolidayTakenInThePreviousYearCounts() {
            // 1 January 2028 is a Saturday, which Mexico and the US take on Friday 31 December 2027.
            assertThat(calendar.isWorkingDay(LocalDate.of(2027, 12, 31), "MX")).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2027, 12, 31), "US")).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2027, 12, 31), "ES")).isTrue();
        }

        @Test
        void aCountryWithoutACalendarOnlyHasWeekendsOff() {
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25), "XX")).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25), null)).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 26), "XX")).isFalse();
        }
    }

    @Nested
    class DaylightSavingTime {

        // The US springs forward on Sunday 14 March 2027 at 02:00: EST -05:00 becomes EDT -04:00.
        @ParameterizedTest
        @CsvSource({
                "2027-03-12T17:30, 2027-03-15T13:00",
                "2027-03-13T12:00, 2027-03-15T13:00",
                "2027-03-14T01:30, 2027-03-15T13:00",
                "2027-03-14T03:30, 2027-03-15T13:00",
                "2027-03-15T08:00, 2027-03-15T13:00",
                "2027-03-15T15:00, 2027-03-16T11:00"})
        void newYorkInMarch(String start, String due) {
            assertThat(calendar.addWorkingTime(local(start, NEW_YORK), FOUR_HOURS, "US", NEW_YORK))
                    .isEqualTo(zoned(due, "-04:00", NEW_YORK));
        }

        @Test
        void newYorkFridayBeforeTheChangeEndsOnMondayInSummerTime() {
            assertThat(calendar.addWorkingTime(local("2027-03-12T16:00", NEW_YORK), FOUR_HOURS, "US", NEW_YORK))
                    .isEqualTo(zoned("2027-03-15T12:00", "-04:00", NEW_YORK));
            assertThat(calendar.isWorkingTime(Instant.parse("2027-03-15T12:59:00Z"), "US", NEW_YORK)).isFalse();
            assertThat(calendar.isWorkingTime(Instant.parse("2027-03-15T13:00:00Z"), "US", NEW_YORK)).isTrue();
        }

        // Spain falls back on Sunday 25 October 2026 at 03:00: CEST +02:00 becomes CET +01:00.
        @ParameterizedTest
        @CsvSource({
                "2026-10-24T12:00, 2026-10-26T13:00",
                "2026-10-25T02:30, 2026-10-26T13:00",
                "2026-10-25T12:00, 2026-10-26T13:00",
                "2026-10-26T08:00, 2026-10-26T13:00",
                "2026-10-26T15:00, 2026-10-27T11:00"})
        void madridInOctober(String start, String due) {
            assertThat(calendar.addWorkingTime(local(start, MADRID), FOUR_HOURS, "ES", MADRID))
                    .isEqualTo(zoned(due, "+01:00", MADRID));
        }

        @Test
        void madridFridayBeforeTheChangeEndsOnMondayInWinterTime() {
            assertThat(calendar.addWorkingTime(local("2026-10-23T16:30", MADRID), FOUR_HOURS, "ES", MADRID))
                    .isEqualTo(zoned("2026-10-26T12:30", "+01:00", MADRID));
            assertThat(calendar.nextWorkingMoment(local("2026-10-24T10:00", MADRID), "ES", MADRID).toInstant())
                    .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        }

        @Test
        void aWorkingDayIsEightHoursOnTheDayTheClocksChange() {
            // Egypt springs forward on the last Friday of April, a working day when there is no holiday calendar.
            ZoneId cairo = ZoneId.of("Africa/Cairo");
            LocalDate changeDay = LocalDate.of(2027, 4, 30);
            assertThat(cairo.getRules().getOffset(changeDay.atStartOfDay().minusHours(1)))
                    .isNotEqualTo(cairo.getRules().getOffset(changeDay.atTime(12, 0)));

            Instant start = calendar.startOfWorkingDay(changeDay, cairo).toInstant();
            assertThat(calendar.addWorkingTime(start, Duration.ofHours(8), "XX", cairo))
                    .isEqualTo(calendar.endOfWorkingDay(changeDay, cairo));
            assertThat(calendar.addWorkingTime(start, Duration.ofHours(9), "XX", cairo))
                    .isEqualTo(calendar.startOfWorkingDay(LocalDate.of(2027, 5, 3), cairo).plusHours(1));
        }

        // Mexico abolished DST in October 2022: April and October 2023 stay at -06:00.
        @ParameterizedTest
        @CsvSource({
                "2023-03-31T16:00, 2023-04-03T12:00",
                "2023-04-01T12:00, 2023-04-03T13:00",
                "2023-04-02T12:00, 2023-04-03T13:00",
                "2023-10-27T16:30, 2023-10-30T12:30",
                "2023-10-29T01:30, 2023-10-30T13:00",
                "2023-10-30T15:00, 2023-10-31T11:00"})
        void mexicoCityKeepsItsOffset(String start, String due) {
            assertThat(calendar.addWorkingTime(local(start, MEXICO_CITY), FOUR_HOURS, "MX", MEXICO_CITY))
                    .isEqualTo(zoned(due, "-06:00", MEXICO_CITY));
        }
    }
}
