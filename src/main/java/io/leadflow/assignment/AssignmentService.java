package io.leadflow.assignment;

import io.leadflow.assignment.internal.Rotation;
import io.leadflow.assignment.internal.Rotation.Kind;
import io.leadflow.assignment.internal.Rotation.Turn;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands a lead to a rep: lead-assignment.dmn chooses the team, and inside it the reps take turns (round robin
 * among the active reps who are not away and under their monthly capacity). An MQL is never left without an
 * owner: when every rep of the team is away or full the least loaded one gets it, and a team without active reps
 * hands over to the default team. The rep's first task is due a number of working hours later in the lead's own
 * zone (the SLA; 4 by default).
 */
@Service
public class AssignmentService {

    private final Leads leads;
    private final RepDirectory reps;
    private final Rotation rotation;
    private final BusinessHoursCalendar calendar;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final String defaultTeam;
    private final Duration firstContactWithin;

    AssignmentService(Leads leads, RepDirectory reps, Rotation rotation, BusinessHoursCalendar calendar, Timeline timeline,
                      ApplicationEventPublisher events, AssignmentProperties settings) {
        this.leads = leads;
        this.reps = reps;
        this.rotation = rotation;
        this.calendar = calendar;
        this.timeline = timeline;
        this.events = events;
        this.defaultTeam = settings.defaultTeam();
        this.firstContactWithin = Duration.ofHours(settings.firstAttemptWorkingHours());
    }

    /**
     * Assigns the lead's owner once, from {@code team} (the assignment decision's; null: the default team); a
     * redelivered job, or one delivered twice at once, finds the same owner.
     */
    @Transactional
    public Assignment assign(UUID leadId, String team) {
        Lead lead = leads.get(leadId);
        if (lead.owner() != null) {
            return assignment(lead.owner(), due(lead));
        }
        String requested = team == null ? defaultTeam : team;
        Turn turn = nextTurn(requested, null);
        ZonedDateTime due = due(lead);
        // False when a concurrent delivery of the same job assigned the lead while this one waited for the team.
        if (!rotation.record(leadId, turn, Kind.ASSIGNED)) {
            return assignment(leads.get(leadId).owner(), due);
        }
        leads.assignOwnerOnce(leadId, turn.rep().username());
        Map<String, Object> details = details(turn, requested);
        details.put("owner", turn.rep().username());
        details.put("due", due.toOffsetDateTime().toString());
        timeline.record(leadId, Timeline.Type.ASSIGNED, details);
        return new Assignment(turn.rep().person(), due);
    }

    /**
     * Hands the lead to another rep of its team: the next in turn but the current owner (of the default team when
     * the owner is the team's only active rep). Each call moves the lead once more.
     */
    @Transactional
    public Assignment reassign(UUID leadId) {
        return reassign(leadId, null);
    }

    /**
     * As {@link #reassign(UUID)}, by a person who saw {@code from} own the lead: once.
     *
     * @throws ConflictException when the lead has another owner by now (handed on already)
     */
    @Transactional
    public Assignment reassignFrom(UUID leadId, String from) {
        return reassign(leadId, Objects.requireNonNull(from));
    }

    private Assignment reassign(UUID leadId, String expectedOwner) {
        String team = rotation.teamOf(leadId).or(() -> reps.team(ownerOf(leads.get(leadId)))).orElse(defaultTeam);
        // Locked before the owner is read, so a reassignment committed meanwhile is seen, not undone.
        rotation.lock(team);
        Lead lead = leads.get(leadId);
        String previous = ownerOf(lead);
        if (expectedOwner != null && !expectedOwner.equals(previous)) {
            throw new ConflictException("Lead " + leadId + " is owned by " + previous + " now, not " + expectedOwner);
        }
        Turn turn = nextTurn(team, previous);
        rotation.record(leadId, turn, Kind.REASSIGNED);
        leads.changeOwner(leadId, previous, turn.rep().username());
        events.publishEvent(new OwnerChanged(leadId, previous, turn.rep().username()));
        Map<String, Object> details = details(turn, team);
        details.put("from", previous);
        details.put("to", turn.rep().username());
        timeline.record(leadId, Timeline.Type.REASSIGNED, details);
        return new Assignment(turn.rep().person(), due(lead));
    }

    /**
     * The team's next rep but {@code excluded}; the default team's when the team has none active (or does not exist);
     * for a reassignment, any other team's when even the default team has no one else: the lead must change hands.
     */
    private Turn nextTurn(String team, String excluded) {
        return rotation.next(team, excluded)
                .or(() -> team.equals(defaultTeam) ? Optional.empty() : rotation.next(defaultTeam, excluded))
                .or(() -> excluded == null ? Optional.empty() : reps.teams().stream()
                        .map(Team::name).filter(other -> !other.equals(team) && !other.equals(defaultTeam))
                        .map(other -> rotation.next(other, excluded)).flatMap(Optional::stream).findFirst())
                .orElseThrow(() -> new IllegalStateException("No active rep" + (excluded == null ? "" : " but " + excluded)
                        + " in team " + team + " or the default team " + defaultTeam));
    }

    private static String ownerOf(Lead lead) {
        if (lead.owner() == null) {
            throw new IllegalStateException("Lead " + lead.id() + " has no owner to replace");
        }
        return lead.owner();
    }

    /** The rep's team; the team asked for, when the lead went to the default team instead; whether over capacity. */
    private static Map<String, Object> details(Turn turn, String requested) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("team", turn.team());
        if (!turn.team().equals(requested)) {
            details.put("requestedTeam", requested);
        }
        if (turn.overCapacity()) {
            details.put("overCapacity", true);
        }
        return details;
    }

    private ZonedDateTime due(Lead lead) {
        return calendar.dueFromNow(firstContactWithin, lead.facts().country(), lead.zone());
    }

    private Assignment assignment(String owner, ZonedDateTime due) {
        Person rep = reps.rep(owner).orElseThrow(() -> new IllegalStateException("The owner " + owner + " is not in the directory"));
        return new Assignment(rep, due);
    }
}
