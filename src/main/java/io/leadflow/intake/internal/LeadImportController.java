package io.leadflow.intake.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.intake.LeadCsv;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.platform.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
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

    private final LeadCsv csv;
    private final LeadService service;
    private final ObjectMapper json;

    LeadImportController(LeadCsv csv, LeadService service, ObjectMapper json) {
        this.csv = csv;
        this.service = service;
        this.json = json;
    }

    @Operation(summary = "Import leads from CSV", description = "Header row with the lead field names; pagesViewed "
            + "entries separated by '|'. Answers each row's result (accepted, merged or rejected with line and reasons) and totals.")
    @PostMapping(path = "/import", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    void importCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Totals totals = new Totals();
        try (LeadCsv.Rows rows = csv.read(request.getInputStream(), Set.of());
             JsonGenerator out = json.getFactory().createGenerator(answer(response))) {
            out.writeStartObject();
            out.writeArrayFieldStart("rows");
            List<LeadCsv.Row> chunk = new ArrayList<>(CHUNK);
            while (rows.hasNext()) {
                chunk.add(rows.next());
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

    /** The streamed JSON answer, once the header has been read. */
    private static OutputStream answer(HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        return response.getOutputStream();
    }

    private static final class Totals {
        int accepted;
        int merged;
        int rejected;
    }

    /** Stores the chunk's valid rows in one transaction, then answers every row of it, in order. */
    private void store(List<LeadCsv.Row> chunk, JsonGenerator out, Totals totals) throws IOException {
        List<LeadSubmission> valid = chunk.stream().filter(LeadCsv.Row::valid)
                .map(row -> new LeadSubmission(row.type(), row.facts(), null)).toList();
        var outcomes = service.submitAll(valid).iterator();
        for (LeadCsv.Row row : chunk) {
            RowResult result;
            if (row.valid()) {
                Leads.Received outcome = outcomes.next();
                result = new RowResult(row.line(), outcome.created() ? "accepted" : "merged", outcome.id().toString(), List.of());
            } else {
                result = new RowResult(row.line(), "rejected", null, row.errors());
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

    record RowResult(long line, String status, String id, List<FieldError> errors) {
    }
}
