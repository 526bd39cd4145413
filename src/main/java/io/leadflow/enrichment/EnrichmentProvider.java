package io.leadflow.enrichment;

import java.util.List;
import java.util.Optional;

/** Public facts about companies and people. The default reads reference files; a data vendor plugs in here. */
public interface EnrichmentProvider {

    Optional<CompanyFacts> company(String domain);

    Optional<PersonFacts> person(String email);

    record CompanyFacts(String name, String industry, Integer employees, List<String> countries, List<String> technologies) {
    }

    /** {@code phone}: the person's direct line, as the provider writes it (national numbers read in the lead's country). */
    record PersonFacts(Integer tenureMonths, String phone, String linkedinUrl, List<String> groups, List<String> events) {
    }
}
