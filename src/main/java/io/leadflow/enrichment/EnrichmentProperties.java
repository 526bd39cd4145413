package io.leadflow.enrichment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Where the reference-file provider reads company and people facts ({@code leadflow.enrichment.*}).
 *
 * @param companies CSV of companies by domain: company, industry, employees, countries, technologies
 * @param people    CSV of people by email: tenureMonths, phone (optional column), linkedinUrl, groups, events
 */
@ConfigurationProperties(prefix = "leadflow.enrichment")
public record EnrichmentProperties(@DefaultValue("classpath:enrichment/companies.csv") Resource companies,
                                   @DefaultValue("classpath:enrichment/people.csv") Resource people) {
}
