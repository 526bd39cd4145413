package io.leadflow.sequence;

import io.leadflow.email.EmailModel;
import io.leadflow.email.EmailRenderer;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.Mailbox;
import io.leadflow.email.OutgoingMail;
import io.leadflow.email.RenderedEmail;
import io.leadflow.email.TemplateKey;
import io.leadflow.assignment.Person;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.process.SequenceProcess;
import io.leadflow.assignment.FirstAttemptSla;
import io.leadflow.email.EmailLeads;
import io.leadflow.sequence.internal.MailboxPacing;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.SequenceEmailKey;
import io.leadflow.sequence.internal.SequenceOutcomeRepository;
import io.leadflow.sequence.internal.EmailTracking;
import io.leadflow.sequence.internal.SequenceMetrics;
import io.leadflow.sequence.internal.SuppressionList;
import io.leadflow.sequence.internal.UnsubscribeLinks;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The connect stage's work for one lead: plan the attempts, send an attempt's email (once), record
 * how the sequence ended; and the nurture track's content email. The waiting, branching and exits themselves are in
 * processes/lead-sequence.bpmn and processes/lead-nurture.bpmn.
 */
@Service
public class SequenceService {

    private final Leads leads;
    private final SequenceAttemptRepository attempts;
    private final SequenceOutcomeRepository outcomes;
    private final SequencePlanner planner;
    private final BusinessHoursCalendar calendar;
    private final SequenceTemplates templates;
    private final EmailRenderer renderer;
    private final MailOutbox outbox;
    private final SuppressionList suppressions;
    private final UnsubscribeLinks unsubscribeLinks;
    private final RepDirectory reps;
    private final RepTaskService repTasks;
    private final Timeline timeline;
    private final Clock clock;
    private final SequenceProperties settings;
    private final SequenceMetrics metrics;
    private final FirstAttemptSla firstAttemptSla;
    private final EmailLeads emailLeads;
    private final MailboxPacing mailboxPacing;
    private final EmailTracking tracking;

    SequenceService(Leads leads, SequenceAttemptRepository attempts, SequenceOutcomeRepository outcomes, SequencePlanner planner,
                    BusinessHoursCalendar calendar, SequenceTemplates templates, EmailRenderer renderer,
                    MailOutbox outbox, SuppressionList suppressions, UnsubscribeLinks unsubscribeLinks, RepDirectory reps,
                    RepTaskService repTasks, Timeline timeline, Clock clock,
                    SequenceProperties settings, SequenceMetrics metrics, FirstAttemptSla firstAttemptSla,
                    EmailLeads emailLeads, MailboxPacing mailboxPacing, EmailTracking tracking) {
        this.leads = leads;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.planner = planner;
        this.calendar = calendar;
        this.templates = templates;
        this.renderer = renderer;
        this.outbox = outbox;
        this.suppressions = suppressions;
        this.unsubscribeLinks = unsubscribeLinks;
        this.reps = reps;
        this.repTasks = repTasks;
        this.timeline = timeline;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.firstAttemptSla = firstAttemptSla;
        this.emailLeads = emailLeads;
        this.mailboxPacing = mailboxPacing;
        this.tracking = tracking;
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
            plan.forEach(attempt -> attempts.insertIfNew(leadId, round, attempt, now));
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
        return planner.window(stored.get(index).planned(zone),
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
        Lead lead = leads.get(leadId);
        Instant now = clock.instant();
        Instant at = whenItGoes(lead, now, () -> mailboxPacing.laterFollowUp(lead, round, step, now));
        return new EmailMoment(at.atZone(lead.zone()), !at.isAfter(now));
    }

    /**
     * When the nurture content the cadence brought on {@code day} goes, read when it came and again when that moment
     * came (perhaps late): the lead's next working moment, then a free slot in its rep's mailbox; and whether it is now.
     */
    @Transactional
    public EmailMoment nurtureTime(UUID leadId, String day) {
        Lead lead = leads.get(leadId);
        Instant now = clock.instant();
        Instant at = whenItGoes(lead, now, () -> mailboxPacing.laterNurture(lead, SequenceEmailKey.nurture(leadId, day), now));
        return new EmailMoment(at.atZone(lead.zone()), !at.isAfter(now));
    }

    /** The lead's next working moment if now is not one; else the email's slot in its mailbox ({@code slotLater}), or now. */
    private Instant whenItGoes(Lead lead, Instant now, Supplier<Optional<Instant>> slotLater) {
        Instant working = calendar.nextWorkingMoment(now, lead.facts().country(), lead.zone()).toInstant();
        return working.isAfter(now) ? working : slotLater.get().orElse(now);
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

    /**
     * Queues the attempt's personalised email once per round, unless the address is suppressed; a {@code followUp}
     * follows the attempt's call that did not connect, and says so.
     */
    @Transactional
    public void sendEmail(UUID leadId, int round, int step, boolean followUp) {
        Lead lead = leads.get(leadId);
        if (suppressed(lead, step, followUp)) {
            return;
        }
        boolean firstEmail = !attempts.emailedBefore(leadId, round, step);
        String key = SequenceEmailKey.of(leadId, round, step, followUp);
        send(lead, round, templates.stepEmail(recipient(lead), step),
                new EmailModel.Attempt(step, settings.journeyStageByStep().size(), followUp, firstEmail, false), key)
                .ifPresent(queued -> {
                    if (!followUp) {
                        made(lead, step, "email-sent", clock.instant());
                    }
                    attempts.recordTemplate(leadId, step, queued.template().fileName(), queued.variant());
                    metrics.emailSent(step, queued.template().fileName());
                });
    }

    /**
     * Queues, once per round, the email that follows the {@code step}'s call that connected: the awareness content the
     * call promised (methodology: after the connect call the buyer is in awareness), in the lead's language.
     */
    @Transactional
    public void sendConnectedCallFollowUp(UUID leadId, int round, int step) {
        Lead lead = leads.get(leadId);
        if (suppressed(lead, step, true)) {
            return;
        }
        String key = SequenceEmailKey.connectedCall(leadId, round);
        send(lead, round, templates.connectedCallEmail(recipient(lead)),
                new EmailModel.Attempt(step, settings.journeyStageByStep().size(), false, false, true), key);
    }

    /**
     * Queues the nurture content the cadence brought on {@code day}, once: the lead's awareness template, from its rep,
     * tracked as the sequence's emails are (a click is a sign that takes the lead back), unless the address is suppressed.
     */
    @Transactional
    public void sendNurtureEmail(UUID leadId, int round, String day) {
        Lead lead = leads.get(leadId);
        if (suppressed(lead, SequenceEmailKey.NURTURE_STEP, true)) {
            return;
        }
        var content = new EmailModel.Attempt(SequenceEmailKey.NURTURE_STEP, settings.journeyStageByStep().size(), false, false, false);
        send(lead, round, templates.nurtureEmail(recipient(lead)), content, SequenceEmailKey.nurture(leadId, day));
    }

    /** Whom the lead's emails go to, as their templates are picked. */
    private static SequenceTemplates.Recipient recipient(Lead lead) {
        return new SequenceTemplates.Recipient(lead.id(), text(lead.enrichment().get("persona")), text(lead.enrichment().get("industry")),
                lead.facts().language());
    }

    /** Whether the lead's address is suppressed; then the email is not sent, and the timeline says so. */
    private boolean suppressed(Lead lead, int step, boolean followUp) {
        if (!suppressions.isSuppressed(lead.facts().email())) {
            return false;
        }
        if (!followUp) {
            attempts.update(lead.id(), step, SequenceAttempt.Status.SKIPPED, "suppressed", clock.instant());
        }
        timeline.record(lead.id(), Timeline.Type.EMAIL_SUPPRESSED, SequenceEmailKey.place(step));
        return true;
    }

    /**
     * Renders the chosen template (the lead's, of the email's stage and variant) and queues it under {@code key}, with
     * its opens and clicks tracked; what was queued, if this queued it.
     */
    private Optional<SequenceTemplates.Chosen> send(Lead lead, int round, SequenceTemplates.Chosen chosen, EmailModel.Attempt attempt,
                                                    String key) {
        LeadFacts facts = lead.facts();
        TemplateKey template = chosen.template();
        Person rep = reps.rep(lead.owner()).orElseThrow(() -> new IllegalStateException("Lead " + lead.id() + " has no owner"));
        String unsubscribeUrl = unsubscribeLinks.linkFor(lead.id());
        EmailModel.Lead addressed = emailLeads.addressed(lead);
        RenderedEmail mail = renderer.render(template, new EmailModel(addressed, new EmailModel.Rep(rep.name(), rep.email()),
                attempt, settings.content(chosen.stage(), template.language()), unsubscribeUrl));
        mail = tracking.track(new EmailTracking.Sent(key, lead.id(), round, attempt.step(), template.fileName(), chosen.variant()), mail,
                unsubscribeUrl);
        Mailbox recipient = new Mailbox(Stream.of(addressed.firstName(), addressed.lastName()).filter(Objects::nonNull)
                .collect(Collectors.joining(" ")), facts.email());
        var enqueued = outbox.enqueue(new OutgoingMail(key, lead.id(), recipient, new Mailbox(rep.name(), rep.email()),
                mail.subject(), mail.textBody(), mail.htmlBody(),
                Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
        if (!enqueued.created()) {
            return Optional.empty();
        }
        mailboxPacing.sent(lead);
        Map<String, Object> sent = new LinkedHashMap<>(SequenceEmailKey.place(attempt.step()));
        sent.putAll(Map.of("followUp", attempt.afterMissedCall(), "afterConnectedCall", attempt.afterConnectedCall(),
                "template", template.fileName(), "subject", mail.subject(), "messageId", enqueued.messageId()));
        timeline.record(lead.id(), Timeline.Type.EMAIL_SENT, sent);
        return Optional.of(chosen);
    }

    /** The call or social task of an attempt was done, or its window passed. */
    @EventListener
    public void touchClosed(RepTaskService.RepTaskClosed closed) {
        if (closed.attemptStep() == null) {
            return;
        }
        if (closed.status() != RepTask.Status.COMPLETED) {
            attempts.update(closed.leadId(), closed.attemptStep(), SequenceAttempt.Status.SKIPPED, "not-done", clock.instant());
            return;
        }
        Object outcome = closed.result().getOrDefault("outcome", closed.result().get("action"));
        Instant now = clock.instant();
        Optional<SequenceAttempt> attempt = made(leads.get(closed.leadId()), closed.attemptStep(), outcome == null ? null : outcome.toString(), now);
        if (SequenceProcess.FIRST_CONTACT_TASK.equals(closed.elementId()) && attempt.filter(a -> !now.isAfter(a.due())).isPresent()) {
            firstAttemptSla.met();
        }
    }

    /**
     * Settles the attempt as made {@code now}, with the working hours it took from its planned moment (the SLA's
     * measure); the attempt as planned, if the lead's plan has it.
     */
    private Optional<SequenceAttempt> made(Lead lead, int step, String outcome, Instant now) {
        Optional<SequenceAttempt> attempt = attempts.of(lead.id()).stream().filter(planned -> planned.step() == step).findFirst();
        double workingHours = attempt
                .map(planned -> calendar.workingTimeBetween(planned.plannedAt(), now, lead.facts().country(), lead.zone()))
                .map(taken -> taken.toSeconds() / 3600.0)
                .orElse(0.0);
        attempts.made(lead.id(), step, outcome, now, workingHours);
        return attempt;
    }

    /**
     * The sequence ended before its last attempt: the lead answered, booked, unsubscribed, bounced or was stopped.
     * {@code touchedSteps} are the steps of the touches the model saw made: a call that ends the sequence may not be
     * stored yet.
     */
    @Transactional
    public void recordExit(UUID leadId, String reason, List<Integer> touchedSteps) {
        outcomes.record(leadId, reason, touchedSteps.stream().mapToInt(Integer::intValue).max().orElse(0), clock.instant())
                .ifPresent(credit -> metrics.ended(attempts.of(leadId), touchedSteps, reason, credit));
        int cancelled = attempts.cancelPlanned(leadId, reason.toLowerCase(java.util.Locale.ROOT), clock.instant());
        mailboxPacing.release(leadId, clock.instant());
        repTasks.withdrawOpenTasksOf(leadId);
        timeline.record(leadId, Timeline.Type.SEQUENCE_ENDED, Map.of("reason", reason, "cancelledAttempts", cancelled));
    }

    /** Five attempts and no answer: back to nurture. */
    @Transactional
    public void recycleToNurture(UUID leadId, String model) {
        String reason = "no answer after the sequence";
        outcomes.record(leadId, SequenceOutcomeRepository.NO_ANSWER, 0, clock.instant())
                .ifPresent(credit -> metrics.ended(attempts.of(leadId), List.of(), SequenceOutcomeRepository.NO_ANSWER, credit));
        leads.moveTo(leadId, LeadStage.LEAD, reason, model);
        timeline.record(leadId, Timeline.Type.RECYCLED_TO_NURTURE, Map.of("reason", reason));
    }

    public List<SequenceAttempt> attemptsOf(UUID leadId) {
        return attempts.of(leadId);
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
