package io.leadflow.assignment;

import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.InternalMailRenderer;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.OutgoingMail;
import io.leadflow.email.RenderedEmail;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.PlatformProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The sales side of the SLA (seeds 002/004): a first attempt not made within the working hours of the hand-off goes
 * to the rep's manager, who keeps the lead with the rep or has the rotation reassign it; either way the first contact
 * gets the SLA's full working hours again, and a second miss goes to the manager again.
 */
@Service
public class SlaEscalation {

    /**
     * What was breached: the first attempt's due, the sequence's pace (an attempt not made in its window), or the due of
     * a rep's task later in the journey. Only the first attempt asks the manager to keep or reassign the lead.
     */
    public enum Breach {
        FIRST_ATTEMPT, SEQUENCE_BEHIND, RESEARCH, QUALIFY, PROPOSAL, DEAL_OUTCOME
    }

    private final Leads leads;
    private final RepDirectory reps;
    private final AssignmentService assignments;
    private final BusinessHoursCalendar calendar;
    private final InternalMailRenderer renderer;
    private final MailOutbox outbox;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final PlatformProperties platform;
    private final MeterRegistry meters;
    private final FirstAttemptSla firstAttemptSla;
    private final Duration firstAttemptWithin;
    private final Locale mailLanguage;

    SlaEscalation(Leads leads, RepDirectory reps, AssignmentService assignments, BusinessHoursCalendar calendar,
                  InternalMailRenderer renderer, MailOutbox outbox, Timeline timeline, ApplicationEventPublisher events,
                  PlatformProperties platform, MeterRegistry meters, FirstAttemptSla firstAttemptSla,
                  AssignmentProperties settings) {
        this.leads = leads;
        this.reps = reps;
        this.assignments = assignments;
        this.calendar = calendar;
        this.renderer = renderer;
        this.outbox = outbox;
        this.timeline = timeline;
        this.events = events;
        this.platform = platform;
        this.meters = meters;
        this.firstAttemptSla = firstAttemptSla;
        this.firstAttemptWithin = Duration.ofHours(settings.firstAttemptWorkingHours());
        this.mailLanguage = settings.mailLanguage();
    }

    /**
     * Records the breach, counts it and emails the owner's manager, once per breach (of the lead's {@code round}th
     * sequence, of an attempt's {@code step} when given, and its {@code escalation}th escalation: a kept or reassigned
     * lead missed again) however often the job comes; returns the manager's username.
     */
    @Transactional
    public String escalate(UUID leadId, Breach breach, int round, Integer step, int escalation) {
        Lead lead = leads.get(leadId);
        Person rep = reps.ownerOf(lead);
        Person manager = reps.managerOf(rep.username())
                .orElseThrow(() -> new IllegalStateException("Rep " + rep.username() + " has no manager"));
        RenderedEmail mail = renderer.render("manager-sla-breach", reps.mailLanguageOf(manager.username(), mailLanguage), Map.of(
                "manager", Map.of("name", manager.name()),
                "rep", Map.of("name", rep.name()),
                "lead", Map.of("name", lead.fullName(), "company", lead.facts().company() == null ? "" : lead.facts().company()),
                "breach", breach.name(),
                "decide", breach == Breach.FIRST_ATTEMPT,
                "taskUrl", platform.leadTaskUrl(leadId)));
        String key = "sla-breach:" + leadId + ":" + round + ":" + breach.name() + (step == null ? "" : ":" + step)
                + (escalation == 1 ? "" : ":again:" + escalation);
        if (outbox.enqueue(new OutgoingMail(key, leadId, manager.email(), mail.subject(), mail.textBody(), null, Map.of())).created()) {
            timeline.record(leadId, Timeline.Type.SLA_BREACHED, Map.of("breach", breach.name(), "round", round, "owner", rep.username(),
                    "manager", manager.username(), "escalation", escalation));
            meters.counter("leadflow.sla.breaches", "breach", breach.name().toLowerCase(Locale.ROOT)).increment();
            // The first attempt is late once, however often it is escalated again.
            if (breach == Breach.FIRST_ATTEMPT && escalation == 1) {
                firstAttemptSla.breached();
            }
        }
        return manager.username();
    }

    /**
     * The manager keeps the lead with its rep: the open first contact is due the SLA's working hours from now; returns
     * that due, in the lead's zone.
     */
    @Transactional
    public ZonedDateTime keep(UUID leadId) {
        Lead lead = leads.get(leadId);
        ZonedDateTime due = renewFirstContact(lead);
        timeline.record(leadId, Timeline.Type.SLA_KEPT, Map.of("owner", lead.owner(), "due", due.toOffsetDateTime().toString()));
        return due;
    }

    /** A reassigned lead: its owner now, and when its first contact is due (the new rep's full working hours). */
    public record Reassignment(String owner, ZonedDateTime firstContactDue) {
    }

    /**
     * The manager has the rotation reassign the lead away from {@code from}, the owner escalated, and the first
     * contact is due the SLA's working hours from now; a redelivered job finds the lead already moved and moves it no further.
     */
    @Transactional
    public Reassignment reassign(UUID leadId, String from) {
        String owner = leads.get(leadId).owner();
        String now = from.equals(owner) ? assignments.reassign(leadId).owner() : owner;
        return new Reassignment(now, renewFirstContact(leads.get(leadId)));
    }

    private ZonedDateTime renewFirstContact(Lead lead) {
        ZonedDateTime due = calendar.dueFromNow(firstAttemptWithin, lead.facts().country(), lead.zone());
        events.publishEvent(new FirstContactRenewed(lead.id(), due.toInstant()));
        return due;
    }
}
