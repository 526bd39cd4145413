package io.leadflow.email;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A mailbox's next free slot: inside the recipient's working time, with room in its hour and its UTC day. */
class SendSlotsTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private final BusinessHoursCalendar calendar = new BusinessHoursCalendar(Clock.systemUTC(),
            new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0)));

    @Test
    void anEmailDueWithRoomInItsHourAndDayGoesWhenDue() {
        Instant due = bogota("2026-12-01T10:20");

        SendSlots.Slot slot = SendSlots.next(due, new SendingLimit(3, 2), List.of(bogota("2026-12-01T10:05")), working("CO", BOGOTA));

        assertThat(slot).isEqualTo(new SendSlots.Slot(due, null));
        assertThat(slot.deferred()).isFalse();
    }

    @Test
    void aFullHourMovesTheEmailToTheNextHour() {
        List<Instant> taken = List.of(bogota("2026-12-01T10:00"), bogota("2026-12-01T10:30"));

        SendSlots.Slot slot = SendSlots.next(bogota("2026-12-01T10:40"), new SendingLimit(200, 2), taken, working("CO", BOGOTA));

        assertThat(slot).isEqualTo(new SendSlots.Slot(bogota("2026-12-01T11:00"), SendSlots.Full.HOUR));
    }

    @Test
    void aFullLastHourOfTheWorkingDayMovesTheEmailToTheNextWorkingMorning() {
        List<Instant> taken = List.of(bogota("2026-12-04T16:10"));

        // Friday 16:30: the next hour is after work, then the weekend.
        SendSlots.Slot slot = SendSlots.next(bogota("2026-12-04T16:30"), new SendingLimit(200, 1), taken, working("CO", BOGOTA));

        assertThat(slot).isEqualTo(new SendSlots.Slot(bogota("2026-12-07T09:00"), SendSlots.Full.HOUR));
    }

    @Test
    void aFullDayMovesTheEmailToTheNextWorkingDaySkippingAPublicHoliday() {
        List<Instant> taken = List.of(bogota("2026-12-07T09:00"), bogota("2026-12-07T10:00"), bogota("2026-12-07T11:00"));

        // Tuesday 8 December 2026 is a public holiday in Colombia.
        SendSlots.Slot slot = SendSlots.next(bogota("2026-12-07T11:30"), new SendingLimit(3, 50), taken, working("CO", BOGOTA));

        assertThat(slot).isEqualTo(new SendSlots.Slot(bogota("2026-12-09T09:00"), SendSlots.Full.DAY));
    }

    @Test
    void slotsAlreadyTakenOnTheNextDayCountThere() {
        List<Instant> taken = List.of(bogota("2026-12-01T09:00"), bogota("2026-12-01T09:10"), bogota("2026-12-01T10:00"),
                bogota("2026-12-02T09:00"), bogota("2026-12-02T09:00"));

        SendSlots.Slot slot = SendSlots.next(bogota("2026-12-01T12:00"), new SendingLimit(3, 2), taken, working("CO", BOGOTA));

        assertThat(slot).isEqualTo(new SendSlots.Slot(bogota("2026-12-02T10:00"), SendSlots.Full.DAY));
    }

    @Test
    void theDayIsUtcsSoAWorkingDayAcrossUtcMidnightHasRoomAgainAfterIt() {
        // 09:00-17:00 in Sydney (UTC+11 in December) is 22:00-06:00 UTC.
        Instant due = LocalDateTime.parse("2026-12-01T09:30").atZone(SYDNEY).toInstant();
        List<Instant> taken = List.of(due.minus(20, ChronoUnit.MINUTES));

        SendSlots.Slot slot = SendSlots.next(due, new SendingLimit(1, 50), taken, working("AU", SYDNEY));

        assertThat(slot).isEqualTo(new SendSlots.Slot(LocalDateTime.parse("2026-12-01T11:00").atZone(SYDNEY).toInstant(),
                SendSlots.Full.DAY));
    }

    @Test
    void emailsGivenSlotsOneAfterAnotherNeverExceedTheLimitAndGoInWorkingTime() {
        Random random = new Random(19);
        SendingLimit limit = new SendingLimit(7, 3);
        UnaryOperator<Instant> working = working("CO", BOGOTA);
        List<Instant> taken = new ArrayList<>();
        Instant due = bogota("2026-12-01T08:00");
        for (int email = 0; email < 300; email++) {
            due = due.plus(random.nextInt(90), ChronoUnit.MINUTES);
            SendSlots.Slot slot = SendSlots.next(due, limit, taken, working);
            assertThat(slot.at()).isAfterOrEqualTo(due);
            assertThat(calendar.isWorkingTime(slot.at(), "CO", BOGOTA)).as("%s", slot).isTrue();
            assertThat(slot.deferred()).isEqualTo(!slot.at().equals(working.apply(due)));
            taken.add(slot.at());
        }
        assertThat(Collections.max(counts(taken, at -> at.truncatedTo(ChronoUnit.HOURS)).values())).isEqualTo(3);
        assertThat(Collections.max(counts(taken, at -> at.truncatedTo(ChronoUnit.DAYS)).values())).isEqualTo(7);
    }

    private UnaryOperator<Instant> working(String country, ZoneId zone) {
        return from -> calendar.nextWorkingMoment(from, country, zone).toInstant();
    }

    private static Map<Instant, Long> counts(List<Instant> slots, Function<Instant, Instant> bucket) {
        return slots.stream().collect(Collectors.groupingBy(bucket, Collectors.counting()));
    }

    private static Instant bogota(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BOGOTA).toInstant();
    }
}
