package io.leadflow.sequence;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.SendSlots;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.internal.MailboxPacing;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SequenceEmailKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * When a lead's sequence does what: its attempts planned (per round), when each opens, when a missed call's follow-up
 * and the nurture track's content go; in the lead's working time and within its rep's mailbox limits. The waiting
 * itself is in processes/lead-sequence.bpmn and processes/lead-nurture.bpmn.
 */
@Service
public class SequenceSchedule {

    private final Leads leads;
    private final SequenceAttemptRepository attempts;
    private final SequencePlanner planner;
    private final BusinessHoursCalendar calendar;
    private final MailboxPacing mailboxPacing;
    private final Timeline timeline;
    private final Clock clock;

    SequenceSchedule(Leads leads, SequenceAttemptRepository attempts, SequencePlanner planner, BusinessHoursCalendar calendar,
                     MailboxPacing mailboxPacing, Timeline timeline, Clock clock) {
        this.leads = leads;
        this.attempts = attempts;
        this.planner = planner;
        this.calendar = calendar;
        this.mailboxPacing = mailboxPacing;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * Plans the attempts of the lead's {@code round}th sequence from now (once: a redelivered job gets the stored
     * plan) and returns them.
     */
    @Transactional
    public List<AttemptWindow> plan(UUID leadId, int round, List<CadenceStep> cadence) {
        Lead lead = leads.get(leadId);
        Instant now = clock.instant();
        if (attempts.ofRound(leadId, round).isEmpty()) {
            List<PlannedAttempt> plan = planner.plan(now, lead.facts().country(), lead.zone(), cadence);
            attempts.insertIfNew(leadId, round, plan, now);
            timeline.record(leadId, Timeline.Type.SEQUENCE_PLANNED, Map.of("round", round, "attempts", plan.stream()
                    .map(a -> Map.of("step", a.step(), "channel", a.channel().name(), "at", a.at().toOffsetDateTime().toString()))
                    .toList()));
        }
        List<SequenceAttempt> stored = attempts.ofRound(leadId, round);
        return IntStream.range(0, stored.size()).mapToObj(i -> window(stored, i, lead)).toList();
    }

    /** The attempt's window: when a first call not made is given up depends on the next one. */
    private AttemptWindow window(List<SequenceAttempt> stored, int index, Lead lead) {
        ZoneId zone = lead.zone();
        return planner.window(stored.get(index).planned(zone), index == 0,
                index + 1 < stored.size() ? stored.get(index + 1).planned(zone) : null, lead.facts().country());
    }

    /**
     * An attempt of the lead's {@code round}th sequence and when it opens, read when its turn comes and again when its
     * time came: the plan as it is now, which a pause or its end may have moved since it was made. An attempt whose
     * moment has passed while it is not the lead's working time (leadflow was stopped, the clock jumped) is not made
     * late at night: it moves to the lead's next working moment, and the timeline says so. A call or social touch
     * first in its round opens at once, whatever the time: its task is due by the first-attempt SLA.
     */
    @Transactional
    public AttemptOpening attemptTime(UUID leadId, int round, int step) {
        Lead lead = leads.get(leadId);
        Instant now = clock.instant();
        // Locked: a pause moving the plan at the same moment waits, then tells the waiting attempt to read it again.
        List<SequenceAttempt> stored = attempts.lockRound(leadId, round);
        int index = IntStream.range(0, stored.size()).filter(i -> stored.get(i).step() == step).findFirst()
                .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " has no attempt " + step + " in round " + round));
        boolean first = index == 0;
        List<SequenceAttempt> plan = delayedOutsideWorkingTime(lead, round, stored.get(index), first, now)
                ? attempts.ofRound(leadId, round) : stored;
        Instant openAt = plan.get(index).opensAt(first, now);
        Optional<Instant> mailboxSlot = openAt.isAfter(now) ? Optional.empty() : mailboxSlotLater(lead, round, plan.get(index), now);
        if (mailboxSlot.isPresent()) {
            plan = attempts.ofRound(leadId, round);
            openAt = mailboxSlot.get();
        }
        return new AttemptOpening(window(plan, index, lead), openAt.atZone(lead.zone()), !openAt.isAfter(now));
    }

    /** An email attempt due now goes when its mailbox has room ({@code leadflow.mail.limits.*}): empty if now. */
    private Optional<Instant> mailboxSlotLater(Lead lead, int round, SequenceAttempt attempt, Instant now) {
        if (attempt.channel() != Channel.EMAIL || attempt.status() != SequenceAttempt.Status.PLANNED) {
            return Optional.empty();
        }
        return mailboxPacing.later(lead, round, attempt, now);
    }

    /**
     * When the follow-up email of attempt {@code step}'s missed call goes, read when the call was missed and again when
     * that moment came (perhaps late): the lead's next working moment, then a free slot in the rep's mailbox
     * ({@code leadflow.mail.limits.*}); {@code sendNow} when it is now.
     */
    @Transactional
    public EmailMoment followUpTime(UUID leadId, int round, int step) {
        return emailMoment(leadId, (lead, now) -> mailboxPacing.laterFollowUp(lead, round, step, now));
    }

    /**
     * When the nurture content the cadence brought on {@code day} goes, read when it came and again when that moment
     * came (perhaps late): the lead's next working moment, then a free slot in its rep's mailbox; and whether it is now.
     */
    @Transactional
    public EmailMoment nurtureTime(UUID leadId, String day) {
        return emailMoment(leadId, (lead, now) -> mailboxPacing.laterNurture(lead, SequenceEmailKey.nurture(leadId, day), now));
    }

    /** When the lead's email goes, asked now ({@link SendSlots#whenItGoes}); {@code slotLater} is its mailbox's say. */
    private EmailMoment emailMoment(UUID leadId, BiFunction<Lead, Instant, Optional<Instant>> slotLater) {
        Lead lead = leads.get(leadId);
        Instant now = clock.instant();
        Instant at = SendSlots.whenItGoes(now, from -> calendar.nextWorkingMoment(from, lead.facts().country(), lead.zone()).toInstant(),
                () -> slotLater.apply(lead, now));
        return new EmailMoment(at.atZone(lead.zone()), !at.isAfter(now));
    }

    /** Moves a planned attempt whose moment has passed to the lead's next working moment if now is not working time. */
    private boolean delayedOutsideWorkingTime(Lead lead, int round, SequenceAttempt attempt, boolean first, Instant now) {
        if (attempt.status() != SequenceAttempt.Status.PLANNED || attempt.opensAtOnce(first) || attempt.plannedAt().isAfter(now)) {
            return false;
        }
        return planner.delayOutsideWorkingTime(attempt.planned(lead.zone()), now, lead.facts().country()).map(delay -> {
            attempts.reschedule(lead.id(), round, delay.attempt(), now);
            timeline.record(lead.id(), Timeline.Type.ATTEMPT_DELAYED, Map.of("round", round, "step", attempt.step(),
                    "channel", attempt.channel().name(),
                    "from", attempt.plannedAt().atZone(lead.zone()).toOffsetDateTime().toString(),
                    "to", delay.attempt().at().toOffsetDateTime().toString(), "reason", delay.reason().name(),
                    "timeZone", lead.zone().getId(), "country", Objects.toString(lead.facts().country(), "")));
            return true;
        }).orElse(false);
    }

    /** The lead's attempts of every round, as planned and as made. */
    public List<SequenceAttempt> attemptsOf(UUID leadId) {
        return attempts.of(leadId);
    }
}
