package io.leadflow.calendar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.LocalTime;

/**
 * Working hours on the wall clock of each lead's own zone ({@code leadflow.calendar.*}), Monday to
 * Friday, without the public holidays of the lead's country.
 *
 * @param workStart when work starts
 * @param workEnd   when work ends
 */
@ConfigurationProperties(prefix = "leadflow.calendar")
public record CalendarProperties(@DefaultValue("09:00") LocalTime workStart, @DefaultValue("17:00") LocalTime workEnd) {

    public CalendarProperties {
        if (!workStart.isBefore(workEnd)) {
            throw new IllegalArgumentException("Work start " + workStart + " must be before work end " + workEnd);
        }
    }
}
