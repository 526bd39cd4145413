package io.leadflow.enrichment.internal;

import io.leadflow.enrichment.EnrichmentProperties;
import io.leadflow.enrichment.EnrichmentProvider;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Company and people facts from CSV reference files shipped with leadflow (or pointed at by
 * configuration). A data vendor's provider, declared as a {@code @Primary} bean, takes its place.
 */
@Component
class ReferenceFileEnrichmentProvider implements EnrichmentProvider {

    private final Map<String, CompanyFacts> companies;
    private final Map<String, PersonFacts> people;

    ReferenceFileEnrichmentProvider(EnrichmentProperties settings) {
        this.companies = load(settings.companies(), "domain", row -> new CompanyFacts(row.get("company"), row.get("industry"),
                number(row.get("employees")), list(row.get("countries")), list(row.get("technologies"))));
        this.people = load(settings.people(), "email", row -> new PersonFacts(number(row.get("tenureMonths")),
                row.isMapped("phone") ? blankToNull(row.get("phone")) : null, blankToNull(row.get("linkedinUrl")), list(row.get("groups")), list(row.get("events")),
                row.isMapped("signals") ? list(row.get("signals")).stream().map(ReferenceFileEnrichmentProvider::signal).toList() : List.of()));
    }

    @Override
    public Optional<CompanyFacts> company(String domain) {
        return domain == null ? Optional.empty() : Optional.ofNullable(companies.get(domain.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<PersonFacts> person(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(people.get(email.toLowerCase(Locale.ROOT)));
    }

    private static <T> Map<String, T> load(Resource file, String key, Function<CSVRecord, T> mapper) {
        Map<String, T> rows = new HashMap<>();
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                rows.put(row.get(key).toLowerCase(Locale.ROOT), mapper.apply(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(rows);
    }

    private static Integer number(String value) {
        return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split("\\|")).map(String::strip).toList();
    }

    /** "post:2026-11-20", or with the account on the other side, "follow:2026-10-01:@growthbot". */
    private static ObservedSignal signal(String entry) {
        String[] parts = entry.split(":", 3);
        return new ObservedSignal(parts[0].strip(), LocalDate.parse(parts[1].strip()), parts.length == 3 ? parts[2].strip() : null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
