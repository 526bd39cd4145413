package io.leadflow.sequence.internal;

import io.leadflow.assignment.Person;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.MailProperties;
import io.leadflow.email.SendSlots;
import io.leadflow.email.SendingQuota;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequenceAttempt;
import io.leadflow.sequence.SequencePlanner;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sequence emails within their mailbox's sending limit: an email attempt whose time has come takes a slot in the
 * mailbox of the rep it goes from; when the mailbox's hour or day is full, the attempt moves to the mailbox's next
 * free slot in the lead's working time, and the plan and the timeline say so.
 */
@Component
public class MailboxPacing {

    private final SendingQuota quota;
    private final MailProperties mail;
    private final RepDirectory reps;
    private final BusinessHoursCalendar calendar;
    private final SequencePlanner planner;
    private final SequenceAttemptRepository attempts;
    private final Timeline timeline;

    MailboxPacing(SendingQuota quota, MailProperties mail, RepDirectory reps, BusinessHoursCalendar calendar,
                  SequencePlanner planner, SequenceAttemptRepository attempts, Timeline timeline) {
        this.quota = quota;
        this.mail = mail;
        this.reps = reps;
        this.calendar = calendar;
        this.planner = planner;
        this.attempts = attempts;
        this.timeline = timeline;
    }

    /**
     * Empty when the lead's email attempt, due {@code now} (the lead's working time), has its slot now; else the
     * moment its mailbox has room, to which the attempt is moved. {@code key} is the email's idempotency key.
     */
    public Optional<Instant> later(Lead lead, int round, SequenceAttempt attempt, String key, Instant now) {
        Person rep = reps.rep(lead.owner()).orElseThrow(() -> new IllegalStateException("Lead " + lead.id() + " has no owner"));
        ZoneId zone = lead.zone();
        String country = lead.facts().country();
        SendingQuota.Reservation reservation = quota.reserve(key, mail.mailboxOf(rep.email()), now,
                from -> calendar.nextWorkingMoment(from, country, zone).toInstant());
        SendSlots.Slot slot = reservation.slot();
        if (!slot.at().isAfter(now)) {
            return Optional.empty();
        }
        if (slot.deferred()) {
            PlannedAttempt moved = planner.shift(List.of(attempt.planned(zone)), slot.at().atZone(zone), country).getFirst();
            attempts.reschedule(lead.id(), round, moved, now);
            boolean day = slot.full() == SendSlots.Full.DAY;
            timeline.record(lead.id(), Timeline.Type.ATTEMPT_DELAYED, Map.of("round", round, "step", attempt.step(),
                    "channel", attempt.channel().name(),
                    "from", attempt.plannedAt().atZone(zone).toOffsetDateTime().toString(),
                    "to", moved.at().toOffsetDateTime().toString(),
                    "reason", "MAILBOX_" + slot.full().name() + "_LIMIT", "mailbox", reservation.mailbox(),
                    "limit", day ? reservation.limit().perDay() : reservation.limit().perHour(),
                    "timeZone", zone.getId()));
        }
        return Optional.of(slot.at());
    }

    /** The slots still to come of the lead's sequence emails are given back: its sequence ended. */
    public void release(UUID leadId, Instant now) {
        quota.release(SequenceEmailKey.prefix(leadId), now);
    }
}
