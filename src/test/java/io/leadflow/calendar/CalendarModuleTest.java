package io.leadflow.calendar;

import io.leadflow.WithoutInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar module boots on its own and counts working time in the hours {@code leadflow.calendar.*} sets. */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@TestPropertySource(properties = {"leadflow.calendar.work-start=08:00", "leadflow.calendar.work-end=12:00"})
class CalendarModuleTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    /** The clock is platform's; here it stands still on Monday 2 March 2026, 10:00 in Bogotá. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MondayMorning {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), BOGOTA);
        }
    }

    private final BusinessHoursCalendar calendar;

    CalendarModuleTest(BusinessHoursCalendar calendar) {
        this.calendar = calendar;
    }

    @Test
    void fourWorkingHoursFromMondayTenInAnEightToNoonDayAreDueTuesdayAtTen() {
        assertThat(calendar.dueFromNow(Duration.ofHours(4), "CO", BOGOTA))
                .isEqualTo(ZonedDateTime.parse("2026-03-03T10:00-05:00[America/Bogota]"));
    }
}
