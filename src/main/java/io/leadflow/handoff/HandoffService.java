package io.leadflow.handoff;

import io.leadflow.intake.Lead;
import io.leadflow.intake.LeadRepository;
import io.leadflow.intake.Timeline;
import io.leadflow.platform.LeadflowProperties.Person;
import io.leadflow.sequence.BusinessHoursCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Hands a lead to a rep: by territory for now. The rep's first task is due a number of working
 * hours later in the lead's own zone (the SLA; 4 by default).
 */
@Service
public class HandoffService {

    private final LeadRepository leads;
    private final RepDirectory reps;
    private final BusinessHoursCalendar calendar;
    private final Timeline timeline;
    private final Clock clock;
    private final Duration firstContactWithin;

    HandoffService(LeadRepository leads, RepDirectory reps, BusinessHoursCalendar calendar, Timeline timeline, Clock clock,
                   // The marketing-to-sales SLA is one setting: the sequence's first attempt is the rep's first contact.
                   @Value("${leadflow.sequence.first-attempt-working-hours}") int firstContactWorkingHours) {
        this.leads = leads;
        this.reps = reps;
        this.calendar = calendar;
        this.timeline = timeline;
        this.clock = clock;
        this.firstContactWithin = Duration.ofHours(firstContactWorkingHours);
    }

    /** Assigns the lead's owner once; a redelivered job finds the same owner. */
    @Transactional
    public Assignment assign(UUID leadId) {
        Lead lead = leads.get(leadId);
        Person candidate = reps.repFor(lead.country());
        String owner = leads.assignOwnerOnce(leadId, candidate.username(), clock.instant());
        Person rep = reps.rep(owner).orElse(candidate);
        var due = calendar.dueFromNow(firstContactWithin, lead.country(), lead.timeZone());
        if (lead.owner() == null) {
            timeline.record(leadId, "ASSIGNED", Map.of("owner", owner, "due", due.toOffsetDateTime().toString()));
        }
        return new Assignment(rep.username(), rep.name(), rep.email(), due);
    }
}
