package io.leadflow.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Working time of a lead: Monday to Friday, from work start to work end on the wall clock of the lead's own
 * time zone, except the public holidays of the lead's country (ISO 3166-1 alpha-2, as jollyday knows them).
 * A country without a jollyday calendar only has weekends off.
 *
 * <p>Working hours are local wall-clock times, so a working day is as long on a DST-change day as on any other.
 */
@Component
public class BusinessHoursCalendar {

    private static final Set<DayOfWeek> WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private final Clock clock;
    private final LocalTime workStart;
    private final LocalTime workEnd;
    // Planning calls this in tight loops: build each holiday manager and each year's holidays only once.
    private final Map<String, Optional<HolidayManager>> holidayManagers = new ConcurrentHashMap<>();
    private final Map<CountryYear, Set<LocalDate>> publicHolidays = new ConcurrentHashMap<>();

    public BusinessHoursCalendar(Clock clock, CalendarProperties hours) {
        this.clock = clock;
        this.workStart = hours.workStart();
        this.workEnd = hours.workEnd();
    }

    public boolean isWorkingDay(LocalDate date, String country) {
        return !WEEKEND.contains(date.getDayOfWeek()) && !publicHolidays(country, date.getYear()).contains(date);
    }

    /** Why a moment is not working time for a lead. */
    public enum OffTime { WEEKEND, PUBLIC_HOLIDAY, OUTSIDE_WORKING_HOURS }

    public boolean isWorkingTime(Instant instant, String country, ZoneId zone) {
        return offTime(instant, country, zone).isEmpty();
    }

    /** Why the instant is not working time in the zone and the country, or empty when it is. */
    public Optional<OffTime> offTime(Instant instant, String country, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        if (WEEKEND.contains(date.getDayOfWeek())) {
            return Optional.of(OffTime.WEEKEND);
        }
        if (publicHolidays(country, date.getYear()).contains(date)) {
            return Optional.of(OffTime.PUBLIC_HOLIDAY);
        }
        boolean inHours = !instant.isBefore(startOfWorkingDay(date, zone).toInstant())
                && instant.isBefore(endOfWorkingDay(date, zone).toInstant());
        return inHours ? Optional.empty() : Optional.of(OffTime.OUTSIDE_WORKING_HOURS);
    }

    /** The given date if it is a working day, otherwise the first working day after it. */
    public LocalDate workingDayOnOrAfter(LocalDate date, String country) {
        LocalDate day = date;
        while (!isWorkingDay(day, country)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** When work starts on the given date in the zone, whether or not the date is a working day. */
    public ZonedDateTime startOfWorkingDay(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, workStart, zone);
    }

    /** When work ends on the given date in the zone, whether or not the date is a working day. */
    public ZonedDateTime endOfWorkingDay(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, workEnd, zone);
    }

    /** The given instant if it is working time, otherwise the start of the next working time. */
    public ZonedDateTime nextWorkingMoment(Instant from, String country, ZoneId zone) {
        ZonedDateTime moment = from.atZone(zone);
        LocalDate date = moment.toLocalDate();
        if (isWorkingDay(date, country)) {
            ZonedDateTime start = startOfWorkingDay(date, zone);
            if (moment.isBefore(start)) {
                return start;
            }
            if (moment.isBefore(endOfWorkingDay(date, zone))) {
                return moment;
            }
        }
        return startOfWorkingDay(workingDayOnOrAfter(date.plusDays(1), country), zone);
    }

    /**
     * The moment the given amount of working time has passed after {@code from}, counting only working time.
     * Time that runs out exactly at the end of a working day ends there, not at the start of the next one.
     */
    public ZonedDateTime addWorkingTime(Instant from, Duration workingTime, String country, ZoneId zone) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("Working time must not be negative: " + workingTime);
        }
        ZonedDateTime cursor = nextWorkingMoment(from, country, zone);
        Duration remaining = workingTime;
        while (true) {
            ZonedDateTime endOfDay = endOfWorkingDay(cursor.toLocalDate(), zone);
            Duration leftToday = Duration.between(cursor, endOfDay);
            if (remaining.compareTo(leftToday) <= 0) {
                return cursor.plus(remaining);
            }
            remaining = remaining.minus(leftToday);
            cursor = nextWorkingMoment(endOfDay.toInstant(), country, zone);
        }
    }

    /** The working time from {@code from} to {@code to}, the inverse of {@link #addWorkingTime}; zero when to is not after from. */
    public Duration workingTimeBetween(Instant from, Instant to, String country, ZoneId zone) {
        Duration total = Duration.ZERO;
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(LocalDate.ofInstant(to, zone)); day = day.plusDays(1)) {
            if (isWorkingDay(day, country)) {
                Instant start = latest(startOfWorkingDay(day, zone).toInstant(), from);
                Instant end = earliest(endOfWorkingDay(day, zone).toInstant(), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** Whether now is working time in the zone and the country. */
    public boolean isWorkingTimeNow(String country, ZoneId zone) {
        return isWorkingTime(clock.instant(), country, zone);
    }

    /** When the given amount of working time from now runs out. */
    public ZonedDateTime dueFromNow(Duration workingTime, String country, ZoneId zone) {
        return addWorkingTime(clock.instant(), workingTime, country, zone);
    }

    private Set<LocalDate> publicHolidays(String country, int year) {
        String code = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
        return holidayManager(code)
                .map(manager -> publicHolidays.computeIfAbsent(new CountryYear(code, year),
                        key -> observedPublicHolidays(manager, year)))
                .orElse(Set.of());
    }

    private Optional<HolidayManager> holidayManager(String code) {
        return holidayManagers.computeIfAbsent(code, key -> {
            // Jollyday fills its cache of data sources lazily, unguarded: two first calls at once (two workers, two
            // countries) can find it empty. One creation at a time in the JVM.
            synchronized (HolidayManager.class) {
                return HolidayManager.getSupportedCalendarCodes().contains(key)
                        ? Optional.of(HolidayManager.getInstance(ManagerParameters.create(key)))
                        : Optional.empty();
            }
        });
    }

    // A holiday can be taken in a neighbouring year: in MX, 1 January on a Saturday is taken on Friday 31 December.
    private static Set<LocalDate> observedPublicHolidays(HolidayManager manager, int year) {
        return IntStream.rangeClosed(year - 1, year + 1)
                .mapToObj(holidayYear -> manager.getHolidays(Year.of(holidayYear), HolidayType.PUBLIC_HOLIDAY))
                .flatMap(Set::stream)
                .map(Holiday::getDate)
                .filter(date -> date.getYear() == year)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record CountryYear(String country, int year) {
    }
}
