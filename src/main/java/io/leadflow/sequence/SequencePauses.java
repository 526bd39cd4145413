package io.leadflow.sequence;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.internal.LeadProcess;
import io.leadflow.sequence.internal.MailboxPacing;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SequencePauseRepository;
import io.leadflow.sequence.internal.SequencePauseRepository.Pause;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A pause of a lead's sequence until a day (the rep is away, the lead out of office) and its early end. The attempts
 * still to come move in the lead's plan, keeping their spacing in working time; then the lead's process is told, and an
 * attempt waiting for its time reads it again (processes/lead-sequence.bpmn). An attempt whose moment has come (a
 * call or social touch open for the rep) stays as it is.
 */
@Service
public class SequencePauses {

    /** What a pause or its end left: the day the pause holds until (null when none holds) and the attempts to come. */
    public record Schedule(LocalDate pausedUntil, List<PlannedAttempt> attempts) {
    }

    /** The lead's latest round and the planned attempts of it that have not opened yet. */
    private record Round(int number, List<SequenceAttempt> toCome) {

        /** When the first attempt to come is planned now, null when none is to come. */
        Instant firstPlannedAt() {
            return toCome.isEmpty() ? null : toCome.getFirst().plannedAt();
        }
    }

    private final Leads leads;
    private final SequenceAttemptRepository attempts;
    private final SequencePauseRepository pauses;
    private final SequencePlanner planner;
    private final BusinessHoursCalendar calendar;
    private final Timeline timeline;
    private final LeadProcess process;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SequenceProperties settings;
    private final MailboxPacing mailboxPacing;

    SequencePauses(Leads leads, SequenceAttemptRepository attempts, SequencePauseRepository pauses, SequencePlanner planner,
                   BusinessHoursCalendar calendar, Timeline timeline, LeadProcess process, TransactionTemplate transaction,
                   Clock clock, SequenceProperties settings, MailboxPacing mailboxPacing) {
        this.leads = leads;
        this.attempts = attempts;
        this.pauses = pauses;
        this.planner = planner;
        this.calendar = calendar;
        this.timeline = timeline;
        this.process = process;
        this.transaction = transaction;
        this.clock = clock;
        this.settings = settings;
        this.mailboxPacing = mailboxPacing;
    }

    /**
     * Pauses the lead's sequence until {@code until}, a day after today in the lead's zone: the first attempt to come
     * goes at the first working slot on or after that day (or stays where it was planned before the pause, if that
     * is later) and the others keep their spacing. The same pause again changes nothing; {@code by} (null through the
     * API) is who paused it.
     *
     * @throws ConflictException when the lead's sequence is not running
     */
    public Schedule pause(UUID leadId, LocalDate until, String by) {
        return pause(leadId, today -> until, by == null ? Map.of() : Map.of("by", by), false).orElseThrow();
    }

    /**
     * Pauses the lead's sequence for an out-of-office reply: until the day after {@code returnsOn}, or for
     * {@code leadflow.sequence.out-of-office-pause} from today in the lead's zone when the reply named no day. A pause
     * that already holds as long or longer stays as it is, and a day of return already past pauses nothing: then it
     * answers nothing. {@code reply} (the reply's subject, its reason) goes on the timeline with the pause.
     *
     * @throws ConflictException when the lead's sequence is not running
     */
    public Optional<Schedule> pauseWhileAway(UUID leadId, LocalDate returnsOn, Map<String, Object> reply) {
        return pause(leadId, today -> returnsOn == null ? today.plus(settings.outOfOfficePause()) : returnsOn.plusDays(1), reply, true);
    }

    private Optional<Schedule> pause(UUID leadId, UnaryOperator<LocalDate> untilFromToday, Map<String, Object> cause, boolean onlyLonger) {
        Optional<Schedule> schedule = transaction.execute(status -> {
            Lead lead = leads.get(leadId);
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, lead.zone());
            LocalDate until = untilFromToday.apply(today);
            Round round = runningRound(lead, now);
            Optional<Pause> holding = holdingPause(lead, round, now);
            if (onlyLonger && (!until.isAfter(today) || holding.filter(pause -> !pause.until().isBefore(until)).isPresent())) {
                return Optional.empty();
            }
            if (holding.filter(pause -> pause.until().equals(until)).isPresent()) {
                return Optional.of(new Schedule(until, planned(round.toCome(), lead.zone())));
            }
            Instant firstPlannedAt = holding.map(Pause::firstPlannedAt).orElse(round.firstPlannedAt());
            List<PlannedAttempt> moved = move(lead, round, planner.firstSlotOnOrAfter(until, lead.facts().country(), lead.zone()),
                    firstPlannedAt, now);
            pauses.pause(leadId, round.number(), new Pause(until, firstPlannedAt, now, null));
            Map<String, Object> details = details(round, moved, cause);
            details.put("until", until.toString());
            timeline.record(leadId, Timeline.Type.SEQUENCE_PAUSED, details);
            return Optional.of(new Schedule(until, moved));
        });
        schedule.ifPresent(paused -> process.rescheduled(leadId));
        return schedule;
    }

    /**
     * Ends the lead's pause early: the first attempt to come goes at the next working moment (or where it was
     * planned before the pause, if that is later) and the others keep their spacing. Without a pause that holds it
     * changes nothing; {@code by} (null through the API) is who resumed it.
     *
     * @throws ConflictException when the lead's sequence is not running
     */
    public Schedule resume(UUID leadId, String by) {
        return resume(leadId, by, false);
    }

    /**
     * As {@link #resume(UUID, String)}, for a person who saw the sequence paused: once.
     *
     * @throws ConflictException when the lead's sequence is not running or no pause holds it
     */
    public Schedule resumePaused(UUID leadId, String by) {
        return resume(leadId, by, true);
    }

    private Schedule resume(UUID leadId, String by, boolean mustBePaused) {
        Schedule schedule = transaction.execute(status -> {
            Lead lead = leads.get(leadId);
            Instant now = clock.instant();
            Round round = runningRound(lead, now);
            Optional<Pause> holding = holdingPause(lead, round, now);
            if (holding.isEmpty() && mustBePaused) {
                throw new ConflictException("The sequence of lead " + leadId + " is not paused");
            }
            if (holding.isEmpty()) {
                return new Schedule(null, planned(round.toCome(), lead.zone()));
            }
            List<PlannedAttempt> moved = move(lead, round, calendar.nextWorkingMoment(now, lead.facts().country(), lead.zone()),
                    holding.get().firstPlannedAt(), now);
            pauses.resume(leadId, round.number(), now);
            timeline.record(leadId, Timeline.Type.SEQUENCE_RESUMED, details(round, moved, by == null ? Map.of() : Map.of("by", by)));
            return new Schedule(null, moved);
        });
        // Told after the plan is stored, also when nothing changed: a repeated request then catches up with a first one
        // whose message was lost, and an attempt that reads the same time again waits as before.
        process.rescheduled(leadId);
        return schedule;
    }

    private Round runningRound(Lead lead, Instant now) {
        int number = attempts.latestRound(lead.id()).orElseThrow(() -> notRunning(lead));
        List<SequenceAttempt> stored = attempts.lockRound(lead.id(), number);
        if (stored.stream().noneMatch(attempt -> attempt.status() == SequenceAttempt.Status.PLANNED)) {
            throw notRunning(lead);
        }
        SequenceAttempt first = stored.getFirst();
        return new Round(number, stored.stream()
                .filter(attempt -> attempt.status() == SequenceAttempt.Status.PLANNED)
                .filter(attempt -> attempt.opensAt(attempt == first, now).isAfter(now))
                .toList());
    }

    private static ConflictException notRunning(Lead lead) {
        return new ConflictException("Lead " + lead.id() + " has no running sequence");
    }

    private Optional<Pause> holdingPause(Lead lead, Round round, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, lead.zone());
        return pauses.of(lead.id(), round.number()).filter(pause -> pause.holdsOn(today));
    }

    /** Moves the attempts to come so the first goes at {@code earliest} or at {@code firstPlannedAt}, whichever is later. */
    private List<PlannedAttempt> move(Lead lead, Round round, ZonedDateTime earliest, Instant firstPlannedAt, Instant now) {
        if (round.toCome().isEmpty()) {
            return List.of();
        }
        ZonedDateTime first = firstPlannedAt != null && firstPlannedAt.isAfter(earliest.toInstant())
                ? firstPlannedAt.atZone(lead.zone()) : earliest;
        List<PlannedAttempt> moved = planner.shift(planned(round.toCome(), lead.zone()), first, lead.facts().country());
        moved.forEach(attempt -> attempts.reschedule(lead.id(), round.number(), attempt, now));
        // An email moved by its mailbox's limit gives its slot back: it takes one again when its new time comes.
        mailboxPacing.release(lead.id(), now);
        return moved;
    }

    private static List<PlannedAttempt> planned(List<SequenceAttempt> attempts, ZoneId zone) {
        return attempts.stream().map(attempt -> attempt.planned(zone)).toList();
    }

    private static Map<String, Object> details(Round round, List<PlannedAttempt> moved, Map<String, Object> cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("round", round.number());
        details.put("attempts", moved.stream().map(a -> Map.of("step", a.step(), "channel", a.channel().name(),
                "at", a.at().toOffsetDateTime().toString(), "due", a.due().toOffsetDateTime().toString())).toList());
        details.putAll(cause);
        return details;
    }
}
