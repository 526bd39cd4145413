package io.leadflow.simulation.internal;

import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Timeline;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead as the replay starts it: when it arrived, the variables its instance started with, what enrichment found
 * (the fit facts), and its history, which answers the replay's rep tasks where it can.
 */
record ReplayLead(UUID id, String name, Instant arrivedAt, String country, ZoneId zone, Map<String, Object> startVariables,
                  Map<String, Object> fitFacts, List<Timeline.Entry> history) {

    /** A lead of these facts, its instance started with the variables the intake starts a live one with. */
    static ReplayLead of(UUID id, String name, Instant arrivedAt, LeadType type, LeadFacts facts, Map<String, Object> fitFacts,
                         List<Timeline.Entry> history) {
        Map<String, Object> start = new HashMap<>();
        start.put("leadId", id.toString());
        start.put("leadType", type.name());
        start.put("country", facts.country());
        start.put("timeZone", facts.timeZone());
        start.put("language", facts.language());
        start.put("personKnown", facts.personKnown());
        return new ReplayLead(id, name, arrivedAt, facts.country(), ZoneId.of(facts.timeZone()), start, fitFacts, history);
    }
}
