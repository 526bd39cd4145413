package io.leadflow.calendar;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.WorkingTimeJob;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.ZoneId;

/** A moment in the lead's working time, for the models' timers and task dues; every lead has a zone. */
@Component
public class DueInWorkingTimeWorker {

    private final BusinessHoursCalendar calendar;

    DueInWorkingTimeWorker(BusinessHoursCalendar calendar) {
        this.calendar = calendar;
    }

    @JobWorker(type = WorkingTimeJob.TYPE)
    public WorkingTimeJob.Due dueInWorkingTime(@VariablesAsType WorkingTimeJob.Variables lead) {
        ZoneId zone = ZoneId.of(lead.timeZone());
        int hours = lead.workingHours() == null ? 0 : lead.workingHours();
        return new WorkingTimeJob.Due(calendar.dueFromNow(Duration.ofHours(hours), lead.country(), zone)
                .toOffsetDateTime().toString(), calendar.isWorkingTimeNow(lead.country(), zone));
    }
}
