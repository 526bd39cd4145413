package io.leadflow.assignment.internal;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.StageLeft;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Time in stage in working hours of the lead's country and zone, the SLA's measure (the lead module records the
 * wall-clock time; working hours are this module's, which owns the SLA and may use the calendar).
 */
@Component
class StageWorkingTimeMetrics {

    private static final Duration[] BUCKETS = {Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
            Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(40), Duration.ofHours(80), Duration.ofHours(160)};

    private final BusinessHoursCalendar calendar;
    private final MeterRegistry meters;

    StageWorkingTimeMetrics(BusinessHoursCalendar calendar, MeterRegistry meters) {
        this.calendar = calendar;
        this.meters = meters;
    }

    @EventListener
    void stageLeft(StageLeft left) {
        Timer.builder("leadflow.stage.working.duration")
                .description("Working hours (the lead's country and zone) a lead spent in a stage, recorded when it leaves it")
                .tag("stage", left.from().stage().name()).serviceLevelObjectives(BUCKETS).register(meters)
                .record(calendar.workingTimeBetween(left.from().at(), left.to().at(), left.country(), left.zone()));
    }
}
