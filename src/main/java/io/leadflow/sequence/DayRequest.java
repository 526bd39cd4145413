package io.leadflow.sequence;

import io.leadflow.lead.Lead;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A day after today as a rep or manager names it, through the API or a page ({@code {"until": "2027-03-10"}}): the
 * end of a sequence's pause, or the new end of a lead's nurture.
 */
public record DayRequest(String until) {

    /** What the day means for a pause: when the attempts start again. */
    public static final String PAUSE_END = "the day the attempts start again";
    /** What the day means for a nurture: when the lead comes back to MQL. */
    public static final String NURTURE_END = "the day the lead comes back to MQL";

    /**
     * The day: an ISO date after today in the lead's zone, else an {@link InvalidRequestException} naming {@code until}.
     *
     * @param meaning what the day is for, in the error's words ({@link #PAUSE_END}, {@link #NURTURE_END})
     */
    public LocalDate dayFor(Lead lead, Clock clock, String meaning) {
        LocalDate today = LocalDate.now(clock.withZone(lead.zone()));
        if (until == null || until.isBlank()) {
            throw invalid("is required: " + meaning + ", such as " + today.plusDays(7));
        }
        LocalDate day;
        try {
            day = LocalDate.parse(until.strip());
        } catch (DateTimeParseException e) {
            throw invalid("is not a date such as " + today.plusDays(7));
        }
        if (!day.isAfter(today)) {
            throw invalid("must be after today (" + today + " in the lead's time zone, " + lead.zone().getId() + ")");
        }
        return day;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("The day has a field at fault", List.of(new FieldError("until", message)));
    }
}
