package io.leadflow.assignment;

import io.leadflow.assignment.AssignmentProperties.Person;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.OwnerAssigned;
import io.leadflow.lead.Timeline;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Hands a lead to a rep: by territory for now. The rep's first task is due a number of working
 * hours later in the lead's own zone (the SLA; 4 by default).
 */
@Service
public class AssignmentService {

    private final Leads leads;
    private final RepDirectory reps;
    private final BusinessHoursCalendar calendar;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final Duration firstContactWithin;

    AssignmentService(Leads leads, RepDirectory reps, BusinessHoursCalendar calendar, Timeline timeline,
                      ApplicationEventPublisher events, AssignmentProperties settings) {
        this.leads = leads;
        this.reps = reps;
        this.calendar = calendar;
        this.timeline = timeline;
        this.events = events;
        this.firstContactWithin = Duration.ofHours(settings.firstAttemptWorkingHours());
    }

    /** Assigns the lead's owner once; a redelivered job finds the same owner. */
    @Transactional
    public Assignment assign(UUID leadId) {
        Lead lead = leads.get(leadId);
        Person candidate = reps.repFor(lead.facts().country());
        events.publishEvent(new OwnerAssigned(leadId, candidate.username()));
        String owner = leads.get(leadId).owner();
        Person rep = reps.rep(owner).orElse(candidate);
        var due = calendar.dueFromNow(firstContactWithin, lead.facts().country(), lead.zone());
        if (lead.owner() == null) {
            timeline.record(leadId, "ASSIGNED", Map.of("owner", owner, "due", due.toOffsetDateTime().toString()));
        }
        return new Assignment(rep.username(), rep.name(), rep.email(), due);
    }
}
