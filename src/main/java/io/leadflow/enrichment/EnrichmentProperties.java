package io.leadflow.enrichment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

import java.time.Duration;

/**
 * Where the reference-file provider reads company and people facts ({@code leadflow.enrichment.*}), and how fast a
 * signal loses its weight.
 *
 * @param companies        CSV of companies by domain: company, industry, employees, countries, technologies
 * @param people           CSV of people by email: tenureMonths, phone (optional column), linkedinUrl, groups, events,
 *                         signals (optional column: kind:day[:account], separated by |)
 * @param signalHalfLife   the age at which a signal weighs half its strength (signal-strengths.csv)
 */
@ConfigurationProperties(prefix = "leadflow.enrichment")
public record EnrichmentProperties(@DefaultValue("classpath:enrichment/companies.csv") Resource companies,
                                   @DefaultValue("classpath:enrichment/people.csv") Resource people,
                                   @DefaultValue("90d") Duration signalHalfLife) {
}
