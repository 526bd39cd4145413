package io.leadflow.intake.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.sequence.DayRequest;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceExits;
import io.leadflow.sequence.SequencePauses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happens to a lead's sequence and nurture through the API: a meeting, an unsubscribe, a stop, a pause, a re-enrolment. */
@RestController
@Tag(name = ApiDocumentation.SEQUENCES)
class LeadSequenceController {

    private final SequenceExits exits;
    private final SequencePauses pauses;
    private final Nurtures nurtures;
    private final Leads leads;
    private final Clock clock;

    LeadSequenceController(SequenceExits exits, SequencePauses pauses, Nurtures nurtures, Leads leads, Clock clock) {
        this.exits = exits;
        this.pauses = pauses;
        this.nurtures = nurtures;
        this.leads = leads;
        this.clock = clock;
    }

    record MeetingRequest(String at, String notes) {
    }

    record StopRequest(String reason) {
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

    private static Map<String, Object> details(String key, String value, String otherKey, String otherValue) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (value != null) {
            details.put(key, value);
        }
        if (otherValue != null) {
            details.put(otherKey, otherValue);
        }
        return details;
    }
}
