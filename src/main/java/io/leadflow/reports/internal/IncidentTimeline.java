package io.leadflow.reports.internal;

import io.leadflow.engine.Incidents;
import io.leadflow.lead.Timeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts the incidents on their leads' timelines, in both engine modes: every few seconds it reads the open incidents and
 * records INCIDENT_RAISED for each one new to it. The database keeps one per incident (several leadflow nodes, a
 * restart), and the incidents already recorded are remembered so a sweep writes only the new ones. The sweep also
 * counts them for {@code leadflow.incidents.open}.
 */
@Component
class IncidentTimeline {

    private static final Logger log = LoggerFactory.getLogger(IncidentTimeline.class);

    private final Incidents incidents;
    private final Timeline timeline;
    private final AtomicLong open = new AtomicLong();
    private Set<Long> recorded = Set.of();
    private boolean failing;

    IncidentTimeline(Incidents incidents, Timeline timeline, MeterRegistry meters) {
        this.incidents = incidents;
        this.timeline = timeline;
        Gauge.builder("leadflow.incidents.open", open, AtomicLong::get)
                .description("open incidents in the engine, in either mode, as of the last sweep").register(meters);
    }

    @Scheduled(fixedDelay = 5_000)
    synchronized void recordNewIncidents() {
        Incidents.Open found;
        try {
            found = incidents.open();
        } catch (RuntimeException e) {
            // Once per outage, not every 5 s; the next sweep tries again.
            if (!failing) {
                log.warn("Cannot read the engine's open incidents for the leads' timelines (tried again every 5 s): {}", e.getMessage());
            }
            failing = true;
            return;
        }
        failing = false;
        open.set(found.total());
        Set<Long> listed = new HashSet<>();
        for (Incidents.Incident incident : found.incidents()) {
            listed.add(incident.incidentKey());
            if (!recorded.contains(incident.incidentKey())) {
                leadOf(incident).ifPresent(lead -> timeline.recordOnce(lead, Timeline.Type.INCIDENT_RAISED, details(incident)));
            }
        }
        recorded = listed;
    }

    /** The lead the incident stops; empty for an instance that names none. */
    static Optional<UUID> leadOf(Incidents.Incident incident) {
        try {
            return Optional.ofNullable(incident.leadId()).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What the timeline keeps of an incident: where it stopped the lead and why. */
    static Map<String, Object> details(Incidents.Incident incident) {
        Map<String, Object> details = new HashMap<>();
        details.put("incidentKey", String.valueOf(incident.incidentKey()));
        details.put("process", incident.bpmnProcessId());
        details.put("element", incident.elementId());
        details.put("elementName", incident.elementName());
        details.put("errorType", incident.errorType());
        details.put("errorMessage", incident.errorMessage());
        details.put("since", incident.since());
        return details;
    }
}
