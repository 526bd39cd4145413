package io.leadflow.sequence.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Locales;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceExits;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = ApiDocumentation.SEQUENCES)
class SequenceController {

    private static final Instant EARLIEST_PREVIEW = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST_PREVIEW = Instant.parse("9999-01-01T00:00:00Z");

    private final SequenceExits exits;
    private final SequencePauses pauses;
    private final SequencePreview preview;
    private final Nurtures nurtures;
    private final Leads leads;
    private final Clock clock;

    SequenceController(SequenceExits exits, SequencePauses pauses, SequencePreview preview, Nurtures nurtures, Leads leads,
                       Clock clock) {
        this.exits = exits;
        this.pauses = pauses;
        this.preview = preview;
        this.nurtures = nurtures;
        this.leads = leads;
        this.clock = clock;
    }

    record MeetingRequest(String at, String notes) {
    }

    record StopRequest(String reason) {
    }

    record PreviewRequest(String start, String country, String timeZone) {
    }

    /** The sequence after a pause or its end: the day the pause holds until (null when none holds), the attempts to come. */
    record ScheduleView(LocalDate pausedUntil, List<PlannedView> attempts) {

        static ScheduleView of(SequencePauses.Schedule schedule) {
            return new ScheduleView(schedule.pausedUntil(), schedule.attempts().stream().map(PlannedView::of).toList());
        }
    }

    /** An attempt to come, its times with the lead's offset. */
    record PlannedView(int step, String channel, OffsetDateTime plannedAt, OffsetDateTime due) {

        static PlannedView of(PlannedAttempt attempt) {
            return new PlannedView(attempt.step(), attempt.channel().name(), attempt.at().toOffsetDateTime(),
                    attempt.due().toOffsetDateTime());
        }
    }

    @Operation(summary = "A meeting was booked with the lead: ends its sequence")
    @PostMapping("/api/leads/{id}/meetings")
    ResponseEntity<Void> meetingBooked(@PathVariable UUID id, @RequestBody(required = false) MeetingRequest meeting) {
        exits.exit(id, SequenceExits.Exit.MEETING_BOOKED, meeting == null ? Map.of() : details("at", meeting.at(), "notes", meeting.notes()));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "The lead unsubscribed: ends its sequence; the address never gets another sequence email")
    @PostMapping("/api/leads/{id}/unsubscribe")
    ResponseEntity<Void> unsubscribe(@PathVariable UUID id) {
        exits.exit(id, SequenceExits.Exit.UNSUBSCRIBED, Map.of("via", "api"));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "A rep stops the lead's running sequence, once: 409 when none is running or it is stopped already")
    @PostMapping("/api/leads/{id}/sequence/stop")
    ResponseEntity<Void> stop(@PathVariable UUID id, @RequestBody(required = false) StopRequest stop) {
        exits.stop(id, stop == null ? Map.of() : details("reason", stop.reason(), null, null));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Pauses the lead's sequence until a day in its time zone ({\"until\": \"2027-03-10\"}, after today): "
            + "the attempts to come move to working slots from that day, keeping their spacing")
    @PostMapping("/api/leads/{id}/sequence/pause")
    ScheduleView pause(@PathVariable UUID id, @RequestBody(required = false) DayRequest pause) {
        Lead lead = leads.get(id);
        LocalDate until = (pause == null ? new DayRequest(null) : pause).dayFor(lead, clock, DayRequest.PAUSE_END);
        return ScheduleView.of(pauses.pause(id, until, null));
    }

    @Operation(summary = "Ends the lead's pause early: the attempts to come move back to where they were planned before it, "
            + "or from the next working moment if that has passed, keeping their spacing")
    @PostMapping("/api/leads/{id}/sequence/resume")
    ScheduleView resume(@PathVariable UUID id) {
        return ScheduleView.of(pauses.resume(id, null));
    }

    @Operation(summary = "Takes a nurtured lead back to MQL in a new sequence (its nurture ends as on a new sign), once per stay "
            + "in nurture: 409 when the lead is not in nurture or was re-enrolled already")
    @PostMapping("/api/leads/{id}/nurture/re-enrol")
    ResponseEntity<Void> reEnrol(@PathVariable UUID id, Authentication auth) {
        leads.get(id); // an unknown lead is a 404, not a conflict
        nurtures.reEnrol(id, auth.getName());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Changes the day a lead nurtured until a date comes back to MQL ({\"until\": \"2027-04-15\"}, after "
            + "today in its time zone): its nurture starts again and waits until then; 400 naming 'until' for a bad day, 409 "
            + "when the lead is not in nurture until a date or was re-enrolled already")
    @PostMapping("/api/leads/{id}/nurture/until")
    ResponseEntity<Void> changeNurtureDate(@PathVariable UUID id, @RequestBody(required = false) DayRequest change,
                                           Authentication auth) {
        Lead lead = leads.get(id);
        LocalDate until = (change == null ? new DayRequest(null) : change).dayFor(lead, clock, DayRequest.NURTURE_END);
        nurtures.changeDate(id, until, auth.getName());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Preview the attempts a sequence starting at 'start' would make for a lead in this country and zone")
    @PostMapping("/api/sequences/preview")
    List<SequencePreview.PreviewAttempt> preview(@RequestBody PreviewRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = null;
        try {
            start = request.start() == null ? null : Instant.parse(request.start());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("start", "is not an ISO-8601 instant such as 2026-03-02T15:00:00Z"));
        }
        if (request.start() == null) {
            errors.add(new FieldError("start", "is required"));
        } else if (start != null && (start.isBefore(EARLIEST_PREVIEW) || !start.isBefore(LATEST_PREVIEW))) {
            // The calendar works in years a sequence can run in; Instant's edges overflow a zone's date-time.
            errors.add(new FieldError("start", "is not between the years 1970 and 9999"));
        }
        String country = request.country() == null ? null : request.country().toUpperCase(Locale.ROOT);
        if (!Locales.isCountry(country)) {
            errors.add(new FieldError("country", "is not an ISO 3166-1 alpha-2 code"));
        }
        if (!Locales.isTimeZone(request.timeZone())) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone such as America/Mexico_City"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The preview request has fields at fault", errors);
        }
        return preview.preview(start, country, ZoneId.of(request.timeZone()));
    }

    private static Map<String, Object> details(String key, String value, String otherKey, String otherValue) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (value != null) {
            details.put(key, value);
        }
        if (otherValue != null) {
            details.put(otherKey, otherValue);
        }
        return details;
    }
}
