package io.leadflow.simulation.internal;

import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.NotFoundException;
import io.leadflow.platform.PayloadTooLargeException;
import io.leadflow.simulation.SimulationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import io.leadflow.platform.ApiDocumentation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replay before you deploy, for managers: {@code POST /api/simulations} (multipart: {@code models}, one or more .bpmn,
 * .dmn or .form files; {@code from} and {@code to}, ISO dates or date-times, or instead {@code leads}, a CSV of leads as
 * {@link LeadFile} reads it) starts a simulation and answers 202 with its
 * address; {@code GET} it for progress and, once done, the diff ({@code report}: the same as a page); {@code DELETE}
 * cancels it (or deletes a finished one).
 */
@RestController
@Tag(name = ApiDocumentation.SIMULATIONS)
@RequestMapping("/api/simulations")
class SimulationController {

    private final SimulationRunner runner;
    private final SimulationRepository simulations;
    private final LeadFile leadFile;
    private final SimulationProperties settings;

    SimulationController(SimulationRunner runner, SimulationRepository simulations, LeadFile leadFile, SimulationProperties settings) {
        this.runner = runner;
        this.simulations = simulations;
        this.leadFile = leadFile;
        this.settings = settings;
    }

    /** A simulation as the API shows it: {@code replayed} of {@code 2 × leads} (both sides) tells the progress. */
    record SimulationView(UUID id, String status, Instant from, Instant to, List<String> candidateFiles, int leads, int replayed,
                          String problem, String requestedBy, Instant createdAt, Instant finishedAt, String report,
                          Map<String, Object> result) {

        static SimulationView of(SimulationRepository.Stored stored) {
            return new SimulationView(stored.id(), stored.status().name(), stored.from(), stored.to(), stored.candidateFiles(),
                    stored.leads(), stored.replayed(), stored.problem(), stored.requestedBy(), stored.createdAt(),
                    stored.finishedAt(), SimulationPages.PAGE + stored.id(), stored.result());
        }
    }

    @Operation(summary = "Replays a period's leads (or a CSV of leads) through candidate models and the deployed ones; "
            + "answers where to follow it")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SimulationView> submit(@RequestParam(name = "models", required = false) List<MultipartFile> models,
                                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                          @RequestParam(required = false) MultipartFile leads, Authentication auth) {
        UUID id = submit(runner, leadFile, settings, models, from, to, leads, auth.getName());
        return ResponseEntity.accepted().location(URI.create("/api/simulations/" + id)).body(view(id));
    }

    /** A simulation of the leads of the file when one is given, else of the period's. */
    static UUID submit(SimulationRunner runner, LeadFile leadFile, SimulationProperties settings, List<MultipartFile> models,
                       String from, String to, MultipartFile leads, String requestedBy) {
        Map<String, byte[]> candidates = candidates(models, settings);
        if (leads != null && !leads.isEmpty()) {
            try (InputStream file = leads.getInputStream()) {
                return runner.submit(candidates, leadFile.read(file), requestedBy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runner.submit(candidates, instant("from", from, false), instant("to", to, true), requestedBy);
    }

    @Operation(summary = "A simulation's progress and, once done, its diff")
    @GetMapping("/{id}")
    SimulationView get(@PathVariable UUID id) {
        return view(id);
    }

    @Operation(summary = "Cancels a running simulation or deletes a finished one")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> cancel(@PathVariable UUID id) {
        if (!runner.cancelOrDelete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private SimulationView view(UUID id) {
        return simulations.find(id).map(SimulationView::of).orElseThrow(() -> notFound(id));
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("No simulation " + id + " (a finished one is kept for a set time)");
    }

    static Map<String, byte[]> candidates(List<MultipartFile> models, SimulationProperties settings) {
        Map<String, byte[]> candidates = new LinkedHashMap<>();
        for (MultipartFile model : models == null ? List.<MultipartFile>of() : models) {
            if (model.getSize() > settings.maxModelSize().toBytes()) {
                throw new PayloadTooLargeException("The model " + model.getOriginalFilename() + " is " + model.getSize()
                        + " bytes, more than the " + settings.maxModelSize().toBytes() + " a model may be (leadflow.simulation.max-model-size)");
            }
            try {
                candidates.put(model.getOriginalFilename(), model.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates;
    }

    /** An ISO date (UTC; a {@code to} date counts its whole day) or date-time with offset. */
    static Instant instant(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("The period is incomplete", List.of(new FieldError(field, "is required")));
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("The period is not a date", List.of(new FieldError(field,
                    "\"" + value + "\" is neither an ISO date (2026-03-01) nor a date-time (2026-03-01T00:00:00Z)")));
        }
    }
}
