package io.leadflow.simulation.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.process.IdentifyProcess;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The leads that arrived in a period, read (never written) from leadflow's leads and their timelines: each as the
 * replay starts it. A contact lead (one a rep found for a company) is not an arrival: the replay makes its own.
 */
@Component
class LeadHistory {

    private static final int PAGE = 500;
    private static final UUID LAST = new UUID(-1L, -1L);

    private final Leads leads;
    private final Timeline timeline;

    LeadHistory(Leads leads, Timeline timeline) {
        this.leads = leads;
        this.timeline = timeline;
    }

    /** How many leads arrived in [from, to) (stops counting past {@code limit}). */
    int count(Instant from, Instant to, int limit) {
        return arrivals(from, to, limit + 1).size();
    }

    /** The leads that arrived in [from, to), by arrival. */
    List<ReplayLead> between(Instant from, Instant to, int limit) {
        return arrivals(from, to, limit).stream().map(this::replayLead).toList();
    }

    private List<Lead> arrivals(Instant from, Instant to, int limit) {
        List<Lead> found = new ArrayList<>();
        LeadSearch.Cursor after = new LeadSearch.Cursor(to, LAST);
        while (found.size() < limit) {
            List<Lead> page = leads.search(new LeadSearch(null, null, null, null, null, null, after, PAGE)).leads();
            for (Lead lead : page) {
                if (lead.createdAt().isBefore(from)) {
                    return sorted(found);
                }
                if (lead.createdAt().isBefore(to) && lead.companyLeadId() == null && found.size() < limit) {
                    found.add(lead);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = LeadSearch.Cursor.after(page.getLast());
        }
        return sorted(found);
    }

    private static List<Lead> sorted(List<Lead> leads) {
        return leads.stream().sorted(Comparator.comparing(Lead::createdAt).thenComparing(Lead::id)).toList();
    }

    private ReplayLead replayLead(Lead lead) {
        Map<String, Object> start = new HashMap<>();
        start.put("leadId", lead.id().toString());
        start.put("leadType", lead.type().name());
        start.put("country", lead.facts().country());
        start.put("timeZone", lead.facts().timeZone());
        start.put("language", lead.facts().language());
        start.put("personKnown", lead.facts().personKnown());
        Map<String, Object> enrichment = lead.enrichment() == null ? Map.of() : lead.enrichment();
        Map<String, Object> facts = new HashMap<>();
        for (var component : IdentifyProcess.FitFacts.class.getRecordComponents()) {
            facts.put(component.getName(), enrichment.get(component.getName()));
        }
        facts.putIfAbsent("industry", lead.facts().industry());
        facts.computeIfAbsent("employees", name -> lead.facts().employees());
        facts.putIfAbsent("personalEmail", false);
        facts.putIfAbsent("powerSignal", false);
        return new ReplayLead(lead.id(), lead.fullName(), lead.createdAt(), lead.facts().country(), lead.zone(), start,
                facts, timeline.of(lead.id()));
    }
}
