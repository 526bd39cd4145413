package io.leadflow.sequence;

import io.leadflow.assignment.AssignmentProperties;
import io.leadflow.calendar.BusinessHoursCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SequenceConfiguration {

    /** The first attempt is the rep's First contact: its due date follows the hand-off's SLA. */
    @Bean
    SequencePlanner sequencePlanner(BusinessHoursCalendar calendar, AssignmentProperties assignment, SequenceProperties sequence) {
        return new SequencePlanner(calendar, assignment.firstAttemptWorkingHours(), sequence.windowDays());
    }
}
