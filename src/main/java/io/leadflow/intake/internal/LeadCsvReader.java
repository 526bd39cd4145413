package io.leadflow.intake.internal;

import io.leadflow.intake.LeadCsv;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** {@link LeadCsv} with Commons CSV and the {@link LeadValidator}, each row bound to a {@link LeadRequest}. */
@Component
class LeadCsvReader implements LeadCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setIgnoreEmptyLines(true).get();

    private final LeadValidator validator;

    LeadCsvReader(LeadValidator validator) {
        this.validator = validator;
    }

    @Override
    public Rows read(InputStream in, Set<String> extraColumns) {
        CSVParser csv = parse(in);
        Iterator<CSVRecord> records = csv.iterator();
        return new Rows() {
            private long line = 2;
            private RuntimeException broken;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (ended) {
                    return false;
                }
                try {
                    return broken != null || records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // A broken CSV structure (e.g. an unclosed quote) ends the file with a row at fault; rows before it stand.
                    broken = e;
                    return true;
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (broken != null) {
                    ended = true;
                    return rejected(line, Map.of(), List.of(new FieldError("row", "is not valid CSV: " + rootMessage(broken))));
                }
                Row row = row(line, records.next(), extraColumns);
                line = csv.getCurrentLineNumber() + 1;
                return row;
            }

            @Override
            public void close() {
                try {
                    csv.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Reads the header row: an empty or repeated column name is the client's mistake, answered before any row. Cells
     * are not trimmed by the parser, so a control character at a cell's end reaches the validator and is refused.
     */
    private static CSVParser parse(InputStream in) {
        CSVParser csv;
        try {
            csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), FORMAT);
        } catch (IllegalArgumentException | CSVException e) {
            throw invalidHeader(rootMessage(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new HashSet<>();
        for (String name : csv.getHeaderNames()) {
            if (!names.add(name.strip())) {
                try {
                    csv.close();
                } catch (IOException ignored) {
                    // The header's fault is the answer.
                }
                throw invalidHeader("The column name \"" + name.strip() + "\" is repeated");
            }
        }
        return csv;
    }

    private static InvalidRequestException invalidHeader(String message) {
        return new InvalidRequestException("The CSV header is not valid", List.of(new FieldError("header", message)));
    }

    private Row row(long line, CSVRecord record, Set<String> extraColumns) {
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        record.toMap().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                (extraColumns.contains(name.strip()) ? extra : cells).put(name.strip(), value);
            }
        });
        if (!record.isConsistent()) {
            return rejected(line, extra, List.of(new FieldError("row", "has " + record.size() + " cells, the header has "
                    + record.getParser().getHeaderNames().size())));
        }
        try {
            LeadSubmission lead = validator.validateCsvRow(cells);
            return new Row(line, lead.type(), lead.facts(), extra, List.of());
        } catch (InvalidRequestException e) {
            return rejected(line, extra, e.errors());
        }
    }

    private static Row rejected(long line, Map<String, String> extra, List<FieldError> errors) {
        return new Row(line, null, null, extra, errors);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
