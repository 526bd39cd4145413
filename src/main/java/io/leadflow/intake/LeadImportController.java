package io.leadflow.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a CSV of leads, streamed in and out: each row is validated and stored on its own, so one
 * bad row never rejects the file, and the answer lists every row's result as it goes.
 */
@RestController
@RequestMapping("/api/leads")
class LeadImportController {

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
                .setIgnoreEmptyLines(true).setTrim(true).get();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        int accepted = 0;
        int merged = 0;
        int rejected = 0;
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), format);
             JsonGenerator out = json.getFactory().createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeArrayFieldStart("rows");
            var rows = csv.iterator();
            long line = 2;
            while (true) {
                RowResult result;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    CSVRecord row = rows.next();
                    result = importRow(line, row);
                } catch (UncheckedIOException | IllegalStateException e) {
                    // A broken CSV structure (e.g. an unclosed quote) ends the file; rows before it stand.
                    result = new RowResult(line, "rejected", null, List.of(new FieldError("row", "is not valid CSV: " + rootMessage(e))));
                    json.writeValue(out, result);
                    rejected++;
                    break;
                }
                line = csv.getCurrentLineNumber() + 1;
                json.writeValue(out, result);
                switch (result.status()) {
                    case "accepted" -> accepted++;
                    case "merged" -> merged++;
                    default -> rejected++;
                }
            }
            out.writeEndArray();
            out.writeNumberField("accepted", accepted);
            out.writeNumberField("merged", merged);
            out.writeNumberField("rejected", rejected);
            out.writeEndObject();
        }
    }

    private RowResult importRow(long line, CSVRecord row) {
        if (!row.isConsistent()) {
            return new RowResult(line, "rejected", null,
                    List.of(new FieldError("row", "has " + row.size() + " cells, the header has " + row.getParser().getHeaderNames().size())));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        row.toMap().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                raw.put(name, value);
            }
        });
        try {
            LeadService.Outcome outcome = service.submit(validator.validate(raw));
            return new RowResult(line, outcome.created() ? "accepted" : "merged", outcome.id().toString(), List.of());
        } catch (InvalidLeadException e) {
            return new RowResult(line, "rejected", null, e.errors());
        }
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
