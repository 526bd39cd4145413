package io.leadflow.intake.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.lead.Leads;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports a CSV of leads, streamed in and out: each row is validated and stored on its own, so one
 * bad row never rejects the file, and the answer lists every row's result as it goes.
 */
@RestController
@Tag(name = ApiDocumentation.LEADS)
@RequestMapping("/api/leads")
class LeadImportController {

    /** Rows stored per transaction: far fewer commits than one per row, and a chunk's answer is never long in coming. */
    private static final int CHUNK = 200;

    private final LeadValidator validator;
    private final LeadService service;
    private final ObjectMapper json;

    LeadImportController(LeadValidator validator, LeadService service, ObjectMapper json) {
        this.validator = validator;
        this.service = service;
        this.json = json;
    }

    @Operation(summary = "Import leads from CSV", description = "Header row with the lead field names; pagesViewed "
            + "entries separated by '|'. Answers each row's result (accepted, merged or rejected with line and reasons) and totals.")
    @PostMapping(path = "/import", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    void importCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setIgnoreEmptyLines(true).get();
        Totals totals = new Totals();
        try (CSVParser csv = parse(request, format);
             JsonGenerator out = json.getFactory().createGenerator(answer(response))) {
            out.writeStartObject();
            out.writeArrayFieldStart("rows");
            List<PendingRow> chunk = new ArrayList<>(CHUNK);
            var rows = csv.iterator();
            long line = 2;
            while (true) {
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    chunk.add(parseRow(line, rows.next()));
                } catch (UncheckedIOException | IllegalStateException e) {
                    // A broken CSV structure (e.g. an unclosed quote) ends the file; rows before it stand.
                    chunk.add(new PendingRow(line, null, new RowResult(line, "rejected", null,
                            List.of(new FieldError("row", "is not valid CSV: " + rootMessage(e))))));
                    break;
                }
                line = csv.getCurrentLineNumber() + 1;
                if (chunk.size() == CHUNK) {
                    store(chunk, out, totals);
                }
            }
            store(chunk, out, totals);
            out.writeEndArray();
            out.writeNumberField("accepted", totals.accepted);
            out.writeNumberField("merged", totals.merged);
            out.writeNumberField("rejected", totals.rejected);
            out.writeEndObject();
        }
    }

    /**
     * Reads the header row: an empty or repeated column name is the client's mistake, answered before any row. Cells
     * are not trimmed by the parser, so a control character at a cell's end reaches the validator and is refused.
     */
    private static CSVParser parse(HttpServletRequest request, CSVFormat format) throws IOException {
        CSVParser csv;
        try {
            csv = CSVParser.parse(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), format);
        } catch (IllegalArgumentException | CSVException e) {
            throw invalidHeader(rootMessage(e));
        }
        Set<String> names = new HashSet<>();
        for (String name : csv.getHeaderNames()) {
            if (!names.add(name.strip())) {
                csv.close();
                throw invalidHeader("The column name \"" + name.strip() + "\" is repeated");
            }
        }
        return csv;
    }

    private static InvalidRequestException invalidHeader(String message) {
        return new InvalidRequestException("The CSV header is not valid", List.of(new FieldError("header", message)));
    }

    /** The streamed JSON answer, once the header has been read. */
    private static OutputStream answer(HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        return response.getOutputStream();
    }

    /** A row read and validated, waiting to be stored with the others of its chunk. */
    private record PendingRow(long line, LeadSubmission submission, RowResult rejection) {
    }

    private static final class Totals {
        int accepted;
        int merged;
        int rejected;
    }

    private PendingRow parseRow(long line, CSVRecord row) {
        if (!row.isConsistent()) {
            return new PendingRow(line, null, new RowResult(line, "rejected", null,
                    List.of(new FieldError("row", "has " + row.size() + " cells, the header has " + row.getParser().getHeaderNames().size()))));
        }
        Map<String, String> cells = new LinkedHashMap<>();
        row.toMap().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                cells.put(name.strip(), value);
            }
        });
        try {
            return new PendingRow(line, validator.validateCsvRow(cells), null);
        } catch (InvalidRequestException e) {
            return new PendingRow(line, null, new RowResult(line, "rejected", null, e.errors()));
        }
    }

    /** Stores the chunk's valid rows in one transaction, then answers every row of it, in order. */
    private void store(List<PendingRow> chunk, JsonGenerator out, Totals totals) throws IOException {
        List<LeadSubmission> valid = chunk.stream().map(PendingRow::submission).filter(Objects::nonNull).toList();
        var outcomes = service.submitAll(valid).iterator();
        for (PendingRow row : chunk) {
            RowResult result = row.rejection();
            if (result == null) {
                Leads.Received outcome = outcomes.next();
                result = new RowResult(row.line(), outcome.created() ? "accepted" : "merged", outcome.id().toString(), List.of());
            }
            json.writeValue(out, result);
            switch (result.status()) {
                case "accepted" -> totals.accepted++;
                case "merged" -> totals.merged++;
                default -> totals.rejected++;
            }
        }
        chunk.clear();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    record RowResult(long line, String status, String id, List<FieldError> errors) {
    }
}
