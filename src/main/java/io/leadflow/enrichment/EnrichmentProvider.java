package io.leadflow.enrichment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Public facts about companies and people. The default reads reference files; a data vendor plugs in here. */
public interface EnrichmentProvider {

    Optional<CompanyFacts> company(String domain);

    Optional<PersonFacts> person(String email);

    record CompanyFacts(String name, String industry, Integer employees, List<String> countries, List<String> technologies) {
    }

    /**
     * {@code phone}: the person's direct line, as the provider writes it (national numbers read in the lead's country);
     * {@code signals}: what the person did where the provider watches (posts, likes, follows…), each on its day.
     */
    record PersonFacts(Integer tenureMonths, String phone, String linkedinUrl, List<String> groups, List<String> events,
                       List<ObservedSignal> signals) {

        public PersonFacts {
            signals = signals == null ? List.of() : List.copyOf(signals);
        }
    }

    /**
     * One thing a person did that tells interest: its {@code kind} (a row of {@code enrichment/signal-strengths.csv}),
     * the day it was seen, and for the social graph the account on the other side (null when none).
     */
    record ObservedSignal(String kind, LocalDate on, String account) {
    }
}
