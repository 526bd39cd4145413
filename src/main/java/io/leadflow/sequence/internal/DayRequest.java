package io.leadflow.sequence.internal;

import io.leadflow.lead.Lead;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A pause of a lead's sequence as a rep or manager asks for it, through the API or the task page. */
record PauseRequest(String until) {

    /** The day the attempts start again: an ISO date after today in the lead's zone, else an {@link InvalidRequestException}. */
    LocalDate untilFor(Lead lead, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(lead.zone()));
        if (until == null || until.isBlank()) {
            throw invalid("is required: the day the attempts start again, such as " + today.plusDays(7));
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
        return new InvalidRequestException("The pause has a field at fault", List.of(new FieldError("until", message)));
    }
}
