package io.leadflow.simulation.internal;

import io.leadflow.lead.Timeline;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead as the replay starts it: when it arrived, the variables its instance started with, what enrichment found
 * (the fit facts), and its history, which answers the replay's rep tasks where it can.
 */
record ReplayLead(UUID id, String name, Instant arrivedAt, String country, ZoneId zone, Map<String, Object> startVariables,
                  Map<String, Object> fitFacts, List<Timeline.Entry> history) {
}
