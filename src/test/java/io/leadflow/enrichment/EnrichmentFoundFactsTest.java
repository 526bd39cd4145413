package io.leadflow.enrichment;

import io.leadflow.enrichment.internal.RoleClassifier;
import io.leadflow.enrichment.internal.SignalStrengths;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A phone the provider found fills a lead without one, in E.164, and the company name of the reference data a lead
 * without a company; neither ever replaces what a lead gave.
 */
class EnrichmentFoundFactsTest {

    private static final String EMAIL = "carlos.ruiz@andesnet.co";

    private final Leads leads = mock(Leads.class);
    private final EnrichmentProvider provider = mock(EnrichmentProvider.class);
    private final EnrichmentService enrichment = new EnrichmentService(leads, mock(Timeline.class), provider,
            new RoleClassifier(), new SignalStrengths(
            new EnrichmentProperties(null, null, Duration.ofDays(90)), Clock.systemUTC()));

    @Test
    void aFoundPhoneFillsALeadWithoutOne() {
        assertThat(foundPhoneFor(null)).isEqualTo("+573001234567");
    }

    @Test
    void aGivenPhoneIsNeverReplaced() {
        assertThat(foundPhoneFor("+573109876543")).isNull();
    }

    @Test
    void theReferenceCompanyNameFillsALeadWithoutOne() {
        assertThat(enrichedLeadWith(null, null).company()).isEqualTo("AndesNet Telecomunicaciones");
    }

    @Test
    void aGivenCompanyNameIsNeverReplaced() {
        assertThat(enrichedLeadWith(null, "AndesNet").company()).isNull();
    }

    private String foundPhoneFor(String givenPhone) {
        return enrichedLeadWith(givenPhone, "AndesNet").phone();
    }

    /** What enrichment records on the lead besides the enrichment itself. */
    private record Found(String phone, String company) {
    }

    private Found enrichedLeadWith(String givenPhone, String givenCompany) {
        UUID id = UUID.randomUUID();
        LeadFacts facts = new LeadFacts(EMAIL, givenPhone, "Carlos", "Ruiz", "CMO", givenCompany, null, null, null, "CO",
                "America/Bogota", "es", null, new LeadDetails(null, null, null, null, null));
        when(leads.get(id)).thenReturn(new Lead(id, LeadType.FORM_FILL, facts, null, LeadStage.LEAD, null, List.of(), Map.of(),
                null, Instant.EPOCH, Instant.EPOCH));
        when(provider.person(EMAIL)).thenReturn(Optional.of(
                new EnrichmentProvider.PersonFacts(14, "300 123 4567", null, List.of(), List.of(), List.of())));
        when(provider.company("andesnet.co")).thenReturn(Optional.of(new EnrichmentProvider.CompanyFacts(
                "AndesNet Telecomunicaciones", "telecom", 850, List.of("CO"), List.of())));

        enrichment.enrich(id);

        var phone = ArgumentCaptor.forClass(String.class);
        var company = ArgumentCaptor.forClass(String.class);
        verify(leads).recordEnrichment(eq(id), any(), phone.capture(), company.capture());
        return new Found(phone.getValue(), company.getValue());
    }
}
