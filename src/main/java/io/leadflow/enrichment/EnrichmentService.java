package io.leadflow.enrichment;

import io.leadflow.intake.Lead;
import io.leadflow.intake.LeadRepository;
import io.leadflow.intake.LeadType;
import io.leadflow.intake.Timeline;
import io.leadflow.platform.ReferenceFile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Gives sales what it must always have about a lead — role and title, industry, size, country,
 * tenure — from what the lead told us and from the {@link EnrichmentProvider}, and records the
 * signals it shows. Running it twice gives the same result, so a redelivered job is harmless.
 */
@Service
public class EnrichmentService {

    private final LeadRepository leads;
    private final Timeline timeline;
    private final EnrichmentProvider provider;
    private final RoleClassifier roles;
    private final Clock clock;
    private final Set<String> personalDomains = Set.copyOf(ReferenceFile.lines("enrichment/personal-email-domains.txt"));
    private final Properties regions = ReferenceFile.properties("enrichment/regions.properties");
    private final Properties industries = ReferenceFile.properties("enrichment/industries.properties");

    EnrichmentService(LeadRepository leads, Timeline timeline, EnrichmentProvider provider, RoleClassifier roles, Clock clock) {
        this.leads = leads;
        this.timeline = timeline;
        this.provider = provider;
        this.roles = roles;
        this.clock = clock;
    }

    @Transactional
    public Enrichment enrich(UUID leadId) {
        Lead lead = leads.get(leadId);
        String emailDomain = lead.email() == null ? null : lead.email().substring(lead.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
        boolean personalEmail = emailDomain != null && personalDomains.contains(emailDomain);
        String companyDomain = lead.companyDomain() != null ? lead.companyDomain() : personalEmail ? null : emailDomain;
        Optional<EnrichmentProvider.CompanyFacts> company = provider.company(companyDomain);
        Optional<EnrichmentProvider.PersonFacts> person = provider.person(lead.email());

        String role = roles.role(lead.jobTitle());
        String industry = normaliseIndustry(lead.industry() != null ? lead.industry()
                : company.map(EnrichmentProvider.CompanyFacts::industry).orElse(null));
        Integer employees = lead.employees() != null ? lead.employees()
                : company.map(EnrichmentProvider.CompanyFacts::employees).orElse(null);
        Integer tenure = person.map(EnrichmentProvider.PersonFacts::tenureMonths).orElse(null);
        Set<SignalFamily> signals = signals(lead, company, person);

        Enrichment enrichment = new Enrichment(role, roles.persona(role), lead.jobTitle(), industry, employees,
                lead.country(), lead.country() == null ? null : regions.getProperty(lead.country()), tenure, personalEmail,
                person.map(EnrichmentProvider.PersonFacts::linkedinUrl).orElse(null),
                company.map(EnrichmentProvider.CompanyFacts::technologies).orElse(List.of()),
                signals, SignalFamily.arePowerSignals(signals),
                gaps(lead, industry, employees, tenure));
        leads.updateEnrichment(leadId, enrichment, clock.instant());
        timeline.record(leadId, "ENRICHED", Map.of("role", role, "signals", signals, "powerSignal", enrichment.powerSignal(),
                "personalEmail", personalEmail, "gaps", enrichment.gaps()));
        return enrichment;
    }

    private String normaliseIndustry(String industry) {
        if (industry == null) {
            return null;
        }
        String key = industry.strip().toLowerCase(Locale.ROOT);
        return industries.getProperty(key, key);
    }

    private static Set<SignalFamily> signals(Lead lead, Optional<EnrichmentProvider.CompanyFacts> company,
                                             Optional<EnrichmentProvider.PersonFacts> person) {
        Set<SignalFamily> found = EnumSet.noneOf(SignalFamily.class);
        Map<String, Object> details = lead.details();
        if (lead.type() == LeadType.FORM_FILL || details.containsKey("pagesViewed")
                || "social-mention".equals(details.get("eventKind"))) {
            found.add(SignalFamily.ACTIVITY);
        }
        boolean attendsOrBelongs = person.map(p -> !p.groups().isEmpty() || !p.events().isEmpty()).orElse(false);
        String source = lead.source() == null ? "" : lead.source().toLowerCase(Locale.ROOT);
        if (attendsOrBelongs || source.matches(".*\\b(webinar|event|evento|meetup|conference|congreso|community|comunidad)\\b.*")) {
            found.add(SignalFamily.PRESENCE);
        }
        if (details.containsKey("referredBy")) {
            found.add(SignalFamily.SOCIAL_GRAPH);
        }
        if (company.isPresent()) {
            found.add(SignalFamily.COMPANY_TECHNOLOGY);
        }
        if (lead.jobTitle() != null) {
            found.add(SignalFamily.BIOGRAPHY);
        }
        return found;
    }

    private static List<String> gaps(Lead lead, String industry, Integer employees, Integer tenure) {
        List<String> gaps = new ArrayList<>();
        if (lead.jobTitle() == null) {
            gaps.add("jobTitle");
        }
        if (industry == null) {
            gaps.add("industry");
        }
        if (employees == null) {
            gaps.add("employees");
        }
        if (lead.country() == null) {
            gaps.add("country");
        }
        if (tenure == null) {
            gaps.add("tenure");
        }
        return gaps;
    }
}
