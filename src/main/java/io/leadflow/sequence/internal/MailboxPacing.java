package io.leadflow.sequence.internal;

import io.leadflow.assignment.Person;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.MailProperties;
import io.leadflow.email.SendSlots;
import io.leadflow.email.SendingQuota;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.Channel;
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
import java.util.function.BiFunction;

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
     * moment its mailbox has room, to which the attempt is moved.
     */
    public Optional<Instant> later(Lead lead, int round, SequenceAttempt attempt, Instant now) {
        return slotLater(lead, SequenceEmailKey.of(lead.id(), round, attempt.step(), false), now, (reservation, at) -> {
            PlannedAttempt moved = planner.shift(List.of(attempt.planned(lead.zone())), at.atZone(lead.zone()),
                    lead.facts().country()).getFirst();
            attempts.reschedule(lead.id(), round, moved, now);
            recordDelay(lead, round, attempt.step(), false, attempt.plannedAt(), moved.at().toInstant(), reservation);
            return moved.at().toInstant();
        });
    }

    /**
     * Empty when the follow-up email of the call of attempt {@code step}, due {@code now} (the lead's working time),
     * has its slot now; else the moment its mailbox has room.
     */
    public Optional<Instant> laterFollowUp(Lead lead, int round, int step, Instant now) {
        return slotLater(lead, SequenceEmailKey.of(lead.id(), round, step, true), now, (reservation, at) -> {
            recordDelay(lead, round, step, true, now, at, reservation);
            return at;
        });
    }

    /**
     * Empty when the lead's nurture email of this key, due {@code now} (the lead's working time), has its slot now; else
     * the moment its mailbox has room.
     */
    public Optional<Instant> laterNurture(Lead lead, String key, Instant now) {
        return slotLater(lead, key, now, (reservation, at) -> at);
    }

    /** The email's slot in its rep's mailbox when later than now; {@code deferred} says so when it was just moved. */
    private Optional<Instant> slotLater(Lead lead, String key, Instant now,
                                        BiFunction<SendingQuota.Reservation, Instant, Instant> deferred) {
        ZoneId zone = lead.zone();
        String country = lead.facts().country();
        SendingQuota.Reservation reservation = quota.reserve(key, senderOf(lead), now,
                from -> calendar.nextWorkingMoment(from, country, zone).toInstant());
        SendSlots.Slot slot = reservation.slot();
        if (!slot.at().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(slot.deferred() ? deferred.apply(reservation, slot.at()) : slot.at());
    }

    private void recordDelay(Lead lead, int round, int step, boolean followUp, Instant from, Instant to,
                             SendingQuota.Reservation reservation) {
        ZoneId zone = lead.zone();
        boolean day = reservation.slot().full() == SendSlots.Full.DAY;
        timeline.record(lead.id(), Timeline.Type.ATTEMPT_DELAYED, Map.of("round", round, "step", step,
                "channel", Channel.EMAIL.name(), "followUp", followUp,
                "from", from.atZone(zone).toOffsetDateTime().toString(), "to", to.atZone(zone).toOffsetDateTime().toString(),
                "reason", "MAILBOX_" + reservation.slot().full().name() + "_LIMIT", "mailbox", reservation.mailbox(),
                "limit", day ? reservation.limit().perDay() : reservation.limit().perHour(), "timeZone", zone.getId()));
    }

    /** The lead's sequence email was queued to go now. */
    public void sent(Lead lead) {
        quota.sent(senderOf(lead));
    }

    /** The mailbox the lead's sequence emails go from: its rep's, or leadflow's ({@code leadflow.mail.send-as}). */
    private SendingQuota.Sender senderOf(Lead lead) {
        Person rep = reps.ownerOf(lead);
        return new SendingQuota.Sender(mail.mailboxOf(rep.email()),
                mail.sendAs() == MailProperties.SendAs.REP ? rep.username() : "leadflow");
    }

    /** The slots still to come of the lead's sequence emails are given back: its sequence ended. */
    public void release(UUID leadId, Instant now) {
        quota.release(SequenceEmailKey.prefix(leadId), now);
    }
}
