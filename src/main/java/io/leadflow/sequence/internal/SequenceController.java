package io.leadflow.sequence.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.lead.Locales;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@RestController
@Tag(name = ApiDocumentation.SEQUENCES)
class SequenceController {

    private static final Instant EARLIEST_PREVIEW = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST_PREVIEW = Instant.parse("9999-01-01T00:00:00Z");

    private final SequencePreview preview;

    SequenceController(SequencePreview preview) {
        this.preview = preview;
    }

    record PreviewRequest(String start, String country, String timeZone) {
    }

    @Operation(summary = "Preview the attempts a sequence starting at 'start' would make for a lead in this country and zone")
    @PostMapping("/api/sequences/preview")
    List<SequencePreview.PreviewAttempt> preview(@RequestBody PreviewRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = null;
        try {
            start = request.start() == null ? null : Instant.parse(request.start());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("start", "is not an ISO-8601 instant such as 2026-03-02T15:00:00Z"));
        }
        if (request.start() == null) {
            errors.add(new FieldError("start", "is required"));
        } else if (start != null && (start.isBefore(EARLIEST_PREVIEW) || !start.isBefore(LATEST_PREVIEW))) {
            // The calendar works in years a sequence can run in; Instant's edges overflow a zone's date-time.
            errors.add(new FieldError("start", "is not between the years 1970 and 9999"));
        }
        String country = request.country() == null ? null : request.country().toUpperCase(Locale.ROOT);
        if (!Locales.isCountry(country)) {
            errors.add(new FieldError("country", "is not an ISO 3166-1 alpha-2 code"));
        }
        if (!Locales.isTimeZone(request.timeZone())) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone such as America/Mexico_City"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The preview request has fields at fault", errors);
        }
        return preview.preview(start, country, ZoneId.of(request.timeZone()));
    }
}
