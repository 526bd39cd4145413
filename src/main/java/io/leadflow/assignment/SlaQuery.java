package io.leadflow.assignment;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.PlatformProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The SLA breaches {@link SlaEscalation} recorded, for the managers' reports: each with its lead, rep and task. */
@Component
public class SlaQuery {

    /**
     * A breach to act on: {@code kind} FIRST_CONTACT (the first attempt was late), SEQUENCE_BEHIND, or the stage whose
     * task was late (RESEARCH, QUALIFY, PROPOSAL, DEAL_OUTCOME); {@code taskUrl}
     * the lead's open task (the manager's escalation) in the task list.
     */
    public record Breach(UUID leadId, String leadName, String rep, String kind, Instant at, String taskUrl) {
    }

    private final Timeline timeline;
    private final Leads leads;

    SlaQuery(Timeline timeline, Leads leads) {
        this.timeline = timeline;
        this.leads = leads;
    }

    /** How many breaches a period had, and the latest of them. */
    public record Breaches(long total, List<Breach> latest) {
    }

    /** The selected leads' breaches recorded in [from, to): their number, and the latest {@code limit} of them, newest first. */
    @Transactional(readOnly = true)
    public Breaches breaches(Instant from, Instant to, LeadSelection selected, int limit) {
        List<Timeline.LeadEntry> entries = timeline.latestOfType(Timeline.Type.SLA_BREACHED, from, to, selected, limit);
        Map<UUID, Lead> byId = leads.findAll(entries.stream().map(Timeline.LeadEntry::leadId).distinct().toList());
        return new Breaches(timeline.countOfType(Timeline.Type.SLA_BREACHED, from, to, selected), entries.stream().map(recorded -> {
            Map<String, Object> details = recorded.entry().details();
            Lead lead = byId.get(recorded.leadId());
            return new Breach(recorded.leadId(), lead == null ? null : lead.fullName(), Objects.toString(details.get("owner"), null),
                    kind(details.get("breach")), recorded.entry().at(), PlatformProperties.LEAD_TASK_PATH + recorded.leadId());
        }).toList());
    }

    /** The reports' name of a breach: the first attempt's is a late first contact. */
    private static String kind(Object breach) {
        return SlaEscalation.Breach.FIRST_ATTEMPT.name().equals(breach) ? "FIRST_CONTACT" : Objects.toString(breach, null);
    }
}
