package io.leadflow.assignment.internal;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.StageLeft;
import io.leadflow.lead.StageMove;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StageWorkingTimeMetricsTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    @Test
    void timeInAStageCountsTheWorkingHoursOfTheLeadsCountryAndZone() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var metrics = new StageWorkingTimeMetrics(
                new BusinessHoursCalendar(Clock.systemUTC(), new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0))), meters);
        // Friday 16:00 to Monday 10:00 in Bogotá: 66 hours, 2 of them working (an ordinary weekend, no holiday).
        ZonedDateTime friday = ZonedDateTime.of(2026, 11, 20, 16, 0, 0, 0, BOGOTA);

        metrics.stageLeft(new StageLeft(UUID.randomUUID(), new StageMove(LeadStage.MQL, friday.toInstant(), "fit", null),
                new StageMove(LeadStage.SQL, friday.plusDays(3).withHour(10).toInstant(), "qualified", null), "CO", BOGOTA));

        assertThat(meters.get("leadflow.stage.working.duration").tag("stage", "MQL").timer().totalTime(TimeUnit.HOURS)).isEqualTo(2);
    }
}
