package io.leadflow.simulation.internal;

import io.leadflow.enrichment.EnrichmentService;
import io.leadflow.intake.LeadCsv;
import io.leadflow.lead.LeadFacts;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.Json;
import io.leadflow.simulation.SimulationProperties;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A CSV of leads as a simulation's input instead of a period: the intake import's columns, plus {@code arrivedAt} (an
 * ISO date-time with offset) for when each lead arrives in the replay. Each lead has the facts enrichment finds for it
 * now and no history (its rep tasks are answered by the configured chances). Every row at fault is named, with its
 * line and field, before anything is replayed.
 */
@Component
class LeadFile {

    static final String FIELD = "leads";
    static final String ARRIVED_AT = "arrivedAt";
    /** The rows at fault named in one answer: enough to fix a file, not a wall of text. */
    private static final int ERRORS_NAMED = 20;

    private final LeadCsv csv;
    private final EnrichmentService enrichment;
    private final Json json;
    private final SimulationProperties settings;

    LeadFile(LeadCsv csv, EnrichmentService enrichment, Json json, SimulationProperties settings) {
        this.csv = csv;
        this.enrichment = enrichment;
        this.json = json;
        this.settings = settings;
    }

    /**
     * The file's leads, by arrival.
     *
     * @throws InvalidRequestException naming each row at fault ({@code leads}, "line 3: email is not an email address"),
     *                                 or a file without leads or with more than a simulation replays
     */
    List<ReplayLead> read(InputStream file) {
        List<ReplayLead> leads = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        try (LeadCsv.Rows rows = csv.read(file, Set.of(ARRIVED_AT))) {
            while (rows.hasNext()) {
                LeadCsv.Row row = rows.next();
                List<FieldError> faults = new ArrayList<>(row.errors());
                Instant arrivedAt = arrivedAt(row.extra().get(ARRIVED_AT), faults);
                if (faults.isEmpty()) {
                    leads.add(replayLead(row, arrivedAt));
                } else {
                    faults.forEach(fault -> errors.add(new FieldError(FIELD, "line " + row.line() + ": " + fault.field() + " " + fault.message())));
                }
                if (leads.size() > settings.maxLeads()) {
                    throw new InvalidRequestException("Too many leads to replay", List.of(new FieldError(FIELD,
                            "more than " + settings.maxLeads() + " leads (leadflow.simulation.max-leads): replay fewer")));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The leads file has rows at fault", errors.size() <= ERRORS_NAMED ? errors
                    : Stream.concat(errors.stream().limit(ERRORS_NAMED),
                    Stream.of(new FieldError(FIELD, "and " + (errors.size() - ERRORS_NAMED) + " more rows at fault"))).toList());
        }
        if (leads.isEmpty()) {
            throw new InvalidRequestException("No lead to replay", List.of(new FieldError(FIELD, "the file has no lead")));
        }
        return leads.stream().sorted(Comparator.comparing(ReplayLead::arrivedAt)).toList();
    }

    private static Instant arrivedAt(String value, List<FieldError> faults) {
        if (value == null || value.isBlank()) {
            faults.add(new FieldError(ARRIVED_AT, "is required: when the lead arrives in the replay"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            faults.add(new FieldError(ARRIVED_AT, "\"" + value + "\" is not an ISO date-time with offset such as 2026-03-01T09:30:00Z"));
            return null;
        }
    }

    /** A lead of the file, its id drawn from its line and facts so the same file replays alike. */
    private ReplayLead replayLead(LeadCsv.Row row, Instant arrivedAt) {
        LeadFacts facts = row.facts();
        UUID id = UUID.nameUUIDFromBytes((row.line() + "/" + arrivedAt + "/" + facts.emailKey() + "/" + facts.companyDomain())
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> fitFacts = json.toMap(enrichment.of(row.type(), facts, arrivedAt).fitFacts());
        String name = facts.personName().isEmpty() ? String.valueOf(facts.email() != null ? facts.email() : facts.companyDomain())
                : facts.personName();
        return ReplayLead.of(id, name, arrivedAt, row.type(), facts, fitFacts, List.of());
    }
}
