package io.leadflow.sequence;

import io.leadflow.calendar.BusinessHoursCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Plans the connect stage of a lead: when each attempt of a cadence is made and when it is due, always inside the
 * lead's working time ({@link BusinessHoursCalendar}).
 *
 * <ul>
 *   <li>The attempt at day offset 0 is the speed-to-lead touch: it goes at the next working moment after the start
 *       and is due the configured number of working hours after that.</li>
 *   <li>A later attempt goes on the start date plus its day offset, moved forward to the next working day, one hour
 *       after work starts (10:00 for a 09:00–17:00 day). It is due when that working day ends or, if earlier, when
 *       the next attempt is made.</li>
 *   <li>An attempt is never less than one working hour after the one before; if its slot is earlier it goes at the
 *       first working moment after that gap.</li>
 *   <li>An attempt that weekends or holidays push past the window (the start plus the window days) moves back to the
 *       slot of the latest working day in the window that is after the gap, or else to the end of the gap itself.
 *       Only when even the gap ends past the window does it stay outside: order and working time come first.</li>
 * </ul>
 */
public class SequencePlanner {

    private static final Duration SLOT_AFTER_WORK_START = Duration.ofHours(1);
    private static final Duration MINIMUM_GAP = Duration.ofHours(1);

    private final BusinessHoursCalendar calendar;
    private final Duration firstAttemptWorkingTime;
    private final int windowDays;

    public SequencePlanner(BusinessHoursCalendar calendar, int firstAttemptWorkingHours, int windowDays) {
        if (firstAttemptWorkingHours < 1 || windowDays < 1) {
            throw new IllegalArgumentException("First-attempt working hours and window days must be positive");
        }
        this.calendar = calendar;
        this.firstAttemptWorkingTime = Duration.ofHours(firstAttemptWorkingHours);
        this.windowDays = windowDays;
    }

    /** The attempts of the cadence, in step order, for a lead whose sequence starts at {@code start}. */
    public List<PlannedAttempt> plan(Instant start, String country, ZoneId zone, List<CadenceStep> cadence) {
        List<CadenceStep> steps = cadence.stream().sorted(Comparator.comparingInt(CadenceStep::step)).toList();
        ZonedDateTime windowEnd = start.atZone(zone).plusDays(windowDays);
        List<ZonedDateTime> times = new ArrayList<>();
        ZonedDateTime previous = null;
        for (CadenceStep step : steps) {
            previous = scheduledAt(step, start, previous, windowEnd, country, zone);
            times.add(previous);
        }
        List<PlannedAttempt> plan = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            CadenceStep step = steps.get(i);
            Optional<ZonedDateTime> nextAt = i + 1 < times.size() ? Optional.of(times.get(i + 1)) : Optional.empty();
            ZonedDateTime at = times.get(i);
            plan.add(new PlannedAttempt(step.step(), step.channel(), at, due(step, at, nextAt, country, zone)));
        }
        return List.copyOf(plan);
    }

    /** The slot on the first working day on or after {@code day}: one hour after work starts. */
    public ZonedDateTime firstSlotOnOrAfter(LocalDate day, String country, ZoneId zone) {
        return slotOn(calendar.workingDayOnOrAfter(day, country), zone);
    }

    /**
     * The attempts, in step order, moved so that the first goes {@code at} (a working moment) and each later one keeps
     * the working time that separated it from the one before (moved to the next working moment should that end with
     * a working day); each due keeps its working time after its attempt.
     */
    public List<PlannedAttempt> shift(List<PlannedAttempt> attempts, ZonedDateTime at, String country) {
        ZoneId zone = at.getZone();
        List<PlannedAttempt> shifted = new ArrayList<>();
        PlannedAttempt previous = null;
        ZonedDateTime next = at;
        for (PlannedAttempt attempt : attempts) {
            if (previous != null) {
                Duration gap = calendar.workingTimeBetween(previous.at().toInstant(), attempt.at().toInstant(), country, zone);
                ZonedDateTime end = calendar.addWorkingTime(shifted.getLast().at().toInstant(), gap, country, zone);
                next = calendar.nextWorkingMoment(end.toInstant(), country, zone);
            }
            Duration window = calendar.workingTimeBetween(attempt.at().toInstant(), attempt.due().toInstant(), country, zone);
            shifted.add(new PlannedAttempt(attempt.step(), attempt.channel(), next,
                    calendar.addWorkingTime(next.toInstant(), window, country, zone)));
            previous = attempt;
        }
        return List.copyOf(shifted);
    }

    /**
     * An attempt whose moment has passed when its turn comes {@code now} (leadflow was stopped, or the clock jumped):
     * empty when now is the lead's working time, so it is made now; else the attempt moved to the next working moment
     * with the working time it had to be made in, and why now is not working time.
     */
    public Optional<Delay> delayOutsideWorkingTime(PlannedAttempt attempt, Instant now, String country) {
        ZoneId zone = attempt.at().getZone();
        return calendar.offTime(now, country, zone).map(reason -> new Delay(
                shift(List.of(attempt), calendar.nextWorkingMoment(now, country, zone), country).getFirst(), reason));
    }

    /**
     * The attempt's window, {@code first} whether it is the first of its round and {@code next} the attempt after it
     * (null: it is the last): made on the working day that ends at {@code sameDayEnd}; one not made is given up when the
     * next one is due to be made, but never before the end of the working day after its own due, so a late first call
     * stays with the rep while the manager decides.
     */
    public AttemptWindow window(PlannedAttempt attempt, boolean first, PlannedAttempt next, String country) {
        ZoneId zone = attempt.at().getZone();
        LocalDate dayAfterDue = calendar.workingDayOnOrAfter(attempt.due().withZoneSameInstant(zone).toLocalDate().plusDays(1), country);
        ZonedDateTime endOfDayAfterDue = calendar.endOfWorkingDay(dayAfterDue, zone);
        ZonedDateTime closeAt = next == null || next.at().isBefore(endOfDayAfterDue) ? endOfDayAfterDue
                : next.at().withZoneSameInstant(zone);
        return new AttemptWindow(attempt.step(), attempt.channel(), attempt.at(), attempt.due().withZoneSameInstant(zone),
                calendar.endOfWorkingDay(attempt.at().toLocalDate(), zone), closeAt, attempt.opensAtOnce(first));
    }

    /** A late attempt moved to the lead's next working moment, and why it could not be made when its turn came. */
    public record Delay(PlannedAttempt attempt, BusinessHoursCalendar.OffTime reason) {
    }

    private ZonedDateTime scheduledAt(CadenceStep step, Instant start, ZonedDateTime previous,
                                      ZonedDateTime windowEnd, String country, ZoneId zone) {
        ZonedDateTime earliest = previous == null
                ? calendar.nextWorkingMoment(start, country, zone)
                : calendar.nextWorkingMoment(
                        calendar.addWorkingTime(previous.toInstant(), MINIMUM_GAP, country, zone).toInstant(),
                        country, zone);
        if (step.dayOffset() == 0) {
            return earliest;
        }
        LocalDate day = calendar.workingDayOnOrAfter(
                LocalDate.ofInstant(start, zone).plusDays(step.dayOffset()), country);
        ZonedDateTime at = latest(slotOn(day, zone), earliest);
        if (!at.isAfter(windowEnd) || earliest.isAfter(windowEnd)) {
            return at;
        }
        return latestSlotInWindow(earliest, windowEnd, country, zone);
    }

    /** The slot on the latest working day of the window that is after {@code earliest}, or else earliest itself. */
    private ZonedDateTime latestSlotInWindow(ZonedDateTime earliest, ZonedDateTime windowEnd,
                                             String country, ZoneId zone) {
        for (LocalDate day = windowEnd.toLocalDate(); !day.isBefore(earliest.toLocalDate()); day = day.minusDays(1)) {
            ZonedDateTime slot = slotOn(day, zone);
            if (calendar.isWorkingDay(day, country) && slot.isAfter(earliest) && !slot.isAfter(windowEnd)) {
                return slot;
            }
        }
        return earliest;
    }

    private ZonedDateTime due(CadenceStep step, ZonedDateTime at, Optional<ZonedDateTime> nextAt,
                              String country, ZoneId zone) {
        if (step.dayOffset() == 0) {
            return calendar.addWorkingTime(at.toInstant(), firstAttemptWorkingTime, country, zone);
        }
        ZonedDateTime endOfDay = calendar.endOfWorkingDay(at.toLocalDate(), zone);
        return nextAt.filter(next -> next.isBefore(endOfDay)).orElse(endOfDay);
    }

    private ZonedDateTime slotOn(LocalDate day, ZoneId zone) {
        return calendar.startOfWorkingDay(day, zone).plus(SLOT_AFTER_WORK_START);
    }

    private static ZonedDateTime latest(ZonedDateTime a, ZonedDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
