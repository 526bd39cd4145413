package io.leadflow.reports.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The engine's open incidents (managers only, see SecurityConfiguration), and their retry once the cause is fixed. */
@RestController
@Tag(name = ApiDocumentation.REPORTS)
@RequestMapping("/api/reports/incidents")
class IncidentsController {

    /** A retried job gets as many tries as the models give a job. */
    static final int RETRIES = 3;

    /**
     * {@code open} the incidents that arose in the period on the filters' leads, {@code openInAll} every open one; with
     * more open in all than the engine lists ({@value Incidents#LISTED}), those counted are among the oldest listed.
     */
    record IncidentsReport(long open, long openInAll, List<Incidents.Incident> incidents) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("incidentKey", "leadId", "process", "element", "elementName", "errorType", "errorMessage", "since");
        }

        @Override
        public List<List<?>> csvRows() {
            return incidents.stream().<List<?>>map(i -> Arrays.asList(i.incidentKey(), i.leadId(), i.bpmnProcessId(),
                    i.elementId(), i.elementName(), i.errorType(), i.errorMessage(), i.since())).toList();
        }
    }

    /** A retry made: the job has {@code retries} again and the incident is resolved. */
    record Retried(@JsonFormat(shape = JsonFormat.Shape.STRING) long incidentKey, String leadId, String elementId, int retries, String by, Instant at) {
    }

    private final Incidents incidents;
    private final ProcessEngine engine;
    private final Timeline timeline;
    private final Reports reports;
    private final Clock clock;

    IncidentsController(Incidents incidents, ProcessEngine engine, Timeline timeline, Reports reports, Clock clock) {
        this.incidents = incidents;
        this.engine = engine;
        this.timeline = timeline;
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(summary = "Open incidents, oldest first (the oldest 500; openInAll counts them all): lead, process, element, "
            + "error and since, in both engine modes; with from, to, team, rep, source or type, those that arose in the "
            + "period on those leads (open counts them)")
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, CsvReports.TEXT_CSV_VALUE})
    IncidentsReport open(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @ParameterObject Reports.Filters filters) {
        ApiPeriod period = ApiPeriod.of(from, to, LocalDate.EPOCH, clock);
        Set<UUID> leads = reports.select(filters).ids();
        Incidents.Open open = incidents.open();
        List<Incidents.Incident> shown = open.incidents().stream()
                .filter(incident -> period.contains(incident.since()))
                .filter(incident -> leads == null || incident.leadId() != null && leads.contains(UUID.fromString(incident.leadId())))
                .toList();
        return new IncidentsReport(shown.size() == open.incidents().size() ? open.total() : shown.size(), open.total(), shown);
    }

    @Operation(summary = "Retry an open incident once its cause is fixed: its job gets 3 retries and the incident is "
            + "resolved; the lead's timeline says who did. 409 when it is not open (resolved already)")
    @PostMapping(value = "/{incidentKey}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Retried retry(@PathVariable long incidentKey, Authentication manager) {
        if (incidentKey <= 0) {
            throw new InvalidRequestException("No such incident", List.of(new FieldError("incidentKey", "must be an incident's key")));
        }
        Incidents.Incident incident = incidents.find(incidentKey).orElseThrow(() -> notOpen(incidentKey));
        if (!engine.retryIncident(incidentKey, incident.jobKey(), RETRIES)) {
            throw notOpen(incidentKey);
        }
        Instant at = clock.instant();
        IncidentTimeline.leadOf(incident).ifPresent(lead -> {
            Map<String, Object> details = IncidentTimeline.details(incident);
            details.put("by", manager.getName());
            details.put("retries", RETRIES);
            timeline.recordOnce(lead, Timeline.Type.INCIDENT_RETRIED, details);
        });
        return new Retried(incidentKey, incident.leadId(), incident.elementId(), RETRIES, manager.getName(), at);
    }

    private static ConflictException notOpen(long incidentKey) {
        return new ConflictException("Incident " + incidentKey + " is not open: it was resolved already (a retry went "
                + "through), or there is no such incident");
    }
}
