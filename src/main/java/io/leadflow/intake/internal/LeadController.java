package io.leadflow.intake.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadflow.assignment.LeadFinder;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.PayloadTooLargeException;
import io.leadflow.platform.RequestJson;
import io.leadflow.security.Roles;
import io.leadflow.sequence.SequenceSchedule;
import io.leadflow.tasklist.RepTaskService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = ApiDocumentation.LEADS)
@RequestMapping("/api/leads")
class LeadController {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final LeadFinder finder;
    private final LeadValidator validator;
    private final LeadService service;
    private final Leads leads;
    private final Timeline timeline;
    private final RepTaskService tasks;
    private final SequenceSchedule schedule;
    private final RequestJson requestJson;

    LeadController(LeadValidator validator, LeadService service, Leads leads, Timeline timeline,
                   RepTaskService tasks, SequenceSchedule schedule, RequestJson requestJson,
                   LeadFinder finder) {
        this.finder = finder;
        this.schedule = schedule;
        this.validator = validator;
        this.service = service;
        this.leads = leads;
        this.timeline = timeline;
        this.tasks = tasks;
        this.requestJson = requestJson;
    }

    @Operation(summary = "Submit a lead", description = "201 with the new lead's id; 200 with the same id when the person "
            + "(email, trimmed and case-insensitive) or visiting company (domain) is already known: the new facts are merged.")
    @RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = LeadRequest.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, UUID>> submit(HttpServletRequest request) throws IOException {
        JsonNode body = requestJson.readTree(boundedBody(request.getInputStream()));
        if (!(body instanceof ObjectNode lead)) {
            throw LeadValidator.invalidLead(List.of(new FieldError("body", "must be a JSON object")));
        }
        Leads.Received outcome = service.submit(validator.validate(lead));
        Map<String, UUID> created = Map.of("id", outcome.id());
        URI location = URI.create("/api/leads/" + outcome.id());
        return outcome.created()
                ? ResponseEntity.created(location).body(created)
                : ResponseEntity.status(HttpStatus.OK).location(location).body(created);
    }

    @Operation(summary = "Find leads", description = "Newest first. q: in the person's name, email or company (any case); "
            + "filters stage, owner, team, source, type, step and template (the leads whose attempt at that sequence step or "
            + "with that email template was made); size (1 to " + LeadFinder.MAX_SIZE + ", default " + LeadFinder.DEFAULT_SIZE
            + "); cursor: the 'next' of the page before. The API key and managers see every lead, a rep their own.")
    @GetMapping
    LeadList find(@ParameterObject LeadFinder.Query query, Authentication auth) {
        LeadSearch.Result found = finder.find(query, Roles.seesEveryLead(auth) ? null : auth.getName());
        return new LeadList(found.leads().stream().map(LeadList.Row::of).toList(), found.next());
    }

    @Operation(summary = "One lead: its facts, stage and stage history with the reasons, fit score, owner, open tasks and times "
            + "in the lead's zone")
    @GetMapping("/{id}")
    LeadView get(@PathVariable UUID id) {
        Lead lead = leads.get(id);
        ZoneId zone = lead.zone();
        List<LeadView.OpenTask> openTasks = tasks.openTasksOfLead(id).stream()
                .map(task -> new LeadView.OpenTask(task.jobKey(), task.name(), task.assignee(),
                        task.due() == null ? null : task.due().atZone(zone).toOffsetDateTime()))
                .toList();
        List<LeadView.SequenceStep> sequence = schedule.attemptsOf(id).stream()
                .map(attempt -> new LeadView.SequenceStep(attempt.step(), attempt.channel().name().toLowerCase(Locale.ROOT),
                        attempt.plannedAt().atZone(zone).toOffsetDateTime(), attempt.due().atZone(zone).toOffsetDateTime(),
                        attempt.status().name().toLowerCase(Locale.ROOT), attempt.outcome()))
                .toList();
        return new LeadView(lead.id(), lead.type(), lead.stage(), lead.facts(), lead.companyLeadId(),
                new LeadView.Fit(lead.fitScore(), lead.fitReasons()), lead.enrichment(), lead.owner(), openTasks, sequence,
                leads.stagesOf(id).stream().map(move -> new LeadView.Stage(move.stage(), move.at().atZone(zone).toOffsetDateTime(),
                        move.reason(), move.model(), move.decision(),
                        move.decision() == null ? null : move.decision().inWords())).toList(),
                lead.createdAt().atZone(zone).toOffsetDateTime(), lead.updatedAt().atZone(zone).toOffsetDateTime());
    }

    @Operation(summary = "A lead's timeline: what happened to it, oldest first, each entry with its details")
    @GetMapping("/{id}/timeline")
    List<TimelineEntryView> timeline(@PathVariable UUID id) {
        ZoneId zone = leads.get(id).zone();
        return timeline.of(id).stream()
                .map(entry -> new TimelineEntryView(entry.type(), entry.at().atZone(zone).toOffsetDateTime(), entry.details()))
                .toList();
    }

    private static byte[] boundedBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException(MAX_BODY_BYTES);
        }
        return body;
    }
}
