package io.leadflow.enrichment;

import io.leadflow.enrichment.EnrichmentProvider.ObservedSignal;
import io.leadflow.enrichment.internal.RoleClassifier;
import io.leadflow.enrichment.internal.SignalStrengths;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Personas;
import io.leadflow.lead.PhoneNumbers;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ReferenceFile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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

    private final Leads leads;
    private final Timeline timeline;
    private final EnrichmentProvider provider;
    private final RoleClassifier roles;
    private final Set<String> personalDomains = Set.copyOf(ReferenceFile.lines("enrichment/personal-email-domains.txt"));
    private final Properties regions = ReferenceFile.properties("enrichment/regions.properties");
    private final Properties industries = ReferenceFile.properties("enrichment/industries.properties");
    private final Properties triggerPersonas = ReferenceFile.properties("enrichment/trigger-events.properties");
    private final SignalStrengths strengths;

    EnrichmentService(Leads leads, Timeline timeline, EnrichmentProvider provider, RoleClassifier roles,
                      SignalStrengths strengths) {
        this.strengths = strengths;
        this.leads = leads;
        this.timeline = timeline;
        this.provider = provider;
        this.roles = roles;
    }

    @Transactional
    public Enrichment enrich(UUID leadId) {
        Lead lead = leads.get(leadId);
        Found found = find(lead.type(), lead.facts(), lead.createdAt());
        Enrichment enrichment = found.enrichment();
        leads.recordEnrichment(leadId, enrichment, found.phone(), found.company());
        timeline.record(leadId, Timeline.Type.ENRICHED, Map.of("role", enrichment.role(), "signals", enrichment.signals(),
                "powerSignal", enrichment.powerSignal(), "signalStrength", enrichment.signalStrength(),
                "personalEmail", enrichment.personalEmail(), "gaps", enrichment.gaps(), "phoneFound", found.phone() != null,
                "companyFound", found.company() != null));
        return enrichment;
    }

    /** What enrichment finds for a lead that is not stored (a simulation's lead from a file), recording nothing. */
    public Enrichment of(LeadType type, LeadFacts facts, Instant arrivedAt) {
        return find(type, facts, arrivedAt).enrichment();
    }

    /** The enrichment, and the phone and company name found where the lead gave none. */
    private record Found(Enrichment enrichment, String phone, String company) {
    }

    private Found find(LeadType type, LeadFacts facts, Instant arrivedAt) {
        String emailDomain = facts.email() == null ? null : facts.email().substring(facts.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
        boolean personalEmail = emailDomain != null && personalDomains.contains(emailDomain);
        String companyDomain = facts.companyDomain() != null ? facts.companyDomain() : personalEmail ? null : emailDomain;
        Optional<EnrichmentProvider.CompanyFacts> company = provider.company(companyDomain);
        Optional<EnrichmentProvider.PersonFacts> person = provider.person(facts.email());

        String role = roles.role(facts.jobTitle());
        String industry = normaliseIndustry(facts.industry() != null ? facts.industry()
                : company.map(EnrichmentProvider.CompanyFacts::industry).orElse(null));
        Integer employees = facts.employees() != null ? facts.employees()
                : company.map(EnrichmentProvider.CompanyFacts::employees).orElse(null);
        Integer tenure = person.map(EnrichmentProvider.PersonFacts::tenureMonths).orElse(null);
        String persona = roles.persona(role);
        SignalStrengths.Weighed weighed = strengths.weigh(observed(type, facts, arrivedAt, person));
        Set<SignalFamily> signals = EnumSet.noneOf(SignalFamily.class);
        signals.addAll(weighed.families());
        if (company.isPresent()) {
            signals.add(SignalFamily.COMPANY_TECHNOLOGY);
        }
        if (facts.jobTitle() != null) {
            signals.add(SignalFamily.BIOGRAPHY);
        }
        // Biography filters the rest: signals count for a title sales sells to, not for a student's likes.
        int signalStrength = Personas.isBuyer(persona) ? weighed.strength() : 0;

        Enrichment enrichment = new Enrichment(role, persona, facts.jobTitle(), industry, employees,
                facts.country(), facts.country() == null ? null : regions.getProperty(facts.country()), tenure, personalEmail,
                person.map(EnrichmentProvider.PersonFacts::linkedinUrl).orElse(null),
                company.map(EnrichmentProvider.CompanyFacts::technologies).orElse(List.of()),
                signals, SignalFamily.arePowerSignals(signals), signalStrength, triggerFitsPersona(type, facts, persona),
                gaps(facts, industry, employees, tenure));
        // A found phone never replaces the one the lead gave.
        String foundPhone = facts.phone() != null ? null : person.map(EnrichmentProvider.PersonFacts::phone)
                .flatMap(phone -> PhoneNumbers.toE164(phone, facts.country())).orElse(null);
        // Nor a found company name the one the lead gave: the lead knows how it calls its company.
        String foundCompany = facts.company() != null ? null : company.map(EnrichmentProvider.CompanyFacts::name).orElse(null);
        return new Found(enrichment, foundPhone, foundCompany);
    }

    private String normaliseIndustry(String industry) {
        if (industry == null) {
            return null;
        }
        String key = industry.strip().toLowerCase(Locale.ROOT);
        return industries.getProperty(key, key);
    }

    /** What the lead did that tells interest: what it told us on arrival, and what the provider saw the person do. */
    private static List<ObservedSignal> observed(LeadType type, LeadFacts facts, Instant arrivedAt,
                                                 Optional<EnrichmentProvider.PersonFacts> person) {
        LocalDate arrived = LocalDate.ofInstant(arrivedAt, ZoneOffset.UTC);
        List<ObservedSignal> observed = new ArrayList<>();
        LeadDetails details = facts.details();
        if (type == LeadType.FORM_FILL) {
            observed.add(new ObservedSignal("form-fill", arrived, null));
        }
        if (!details.pagesViewed().isEmpty()) {
            observed.add(new ObservedSignal("page-view", arrived, null));
        }
        if ("social-mention".equals(details.eventKind())) {
            observed.add(new ObservedSignal("social-mention", arrived, null));
        }
        String source = facts.source() == null ? "" : facts.source().toLowerCase(Locale.ROOT);
        if (source.matches(".*\\b(webinar|event|evento|meetup|conference|congreso|community|comunidad)\\b.*")) {
            observed.add(new ObservedSignal("event", arrived, null));
        }
        if (details.referredBy() != null) {
            observed.add(new ObservedSignal("referral", arrived, details.referredBy()));
        }
        person.ifPresent(p -> {
            p.groups().forEach(group -> observed.add(new ObservedSignal("group", arrived, null)));
            p.events().forEach(event -> observed.add(new ObservedSignal("event", arrived, null)));
            observed.addAll(p.signals());
        });
        return observed;
    }

    /** Whether a trigger event is news for the lead's persona (null without one): most news is only the CEO's. */
    private Boolean triggerFitsPersona(LeadType type, LeadFacts facts, String persona) {
        String kind = type == LeadType.TRIGGER_EVENT ? facts.details().eventKind() : null;
        return kind == null ? null : Arrays.asList(triggerPersonas.getProperty(kind, "").split(",")).contains(persona);
    }

    private static List<String> gaps(LeadFacts facts, String industry, Integer employees, Integer tenure) {
        List<String> gaps = new ArrayList<>();
        if (facts.jobTitle() == null) {
            gaps.add("jobTitle");
        }
        if (industry == null) {
            gaps.add("industry");
        }
        if (employees == null) {
            gaps.add("employees");
        }
        if (facts.country() == null) {
            gaps.add("country");
        }
        if (tenure == null) {
            gaps.add("tenure");
        }
        return gaps;
    }
}
