package io.leadflow.email;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EmailLeadsTest {

    private final Leads leads = mock(Leads.class);
    private final EmailLeads emailLeads = new EmailLeads(leads, new EmailRenderer(new EmailTemplateCatalog()));

    @Test
    void addressesTheLeadByItsCleanedNamesAndSaysHowItCame() {
        EmailModel.Lead addressed = emailLeads.addressed(lead(LeadType.REFERRAL, "MARÍA DE LA O", "  garcía  ", "Ebook",
                new LeadDetails(null, null, null, null, "lucía FERNÁNDEZ"), null));

        assertThat(addressed.firstName()).isEqualTo("María de la O");
        assertThat(addressed.lastName()).isEqualTo("García");
        assertThat(addressed.origin()).isEqualTo(new EmailModel.Origin("referral", "ebook", null, null, "Lucía Fernández"));
    }

    @Test
    void aPersonFoundForAVisitingCompanyCameAsTheCompanyDidWithWhatItRead() {
        Lead company = lead(LeadType.COMPANY_VISIT, null, null, null,
                new LeadDetails("203.0.113.9", List.of("/pricing", "/blog/roi-de-marketing?utm_source=x"), null, null, null), null);
        when(leads.get(company.id())).thenReturn(company);

        EmailModel.Lead addressed = emailLeads.addressed(lead(LeadType.RESEARCH, "Ana", null, null, null, company.id()));

        assertThat(addressed.origin()).isEqualTo(new EmailModel.Origin("company-visit", null, "roi de marketing", null, null));
    }

    @Test
    void theOpeningLineIsTheFirstEmailsLineByHowTheLeadCameInItsLanguage() {
        LeadDetails none = new LeadDetails(null, null, null, null, null);
        assertThat(emailLeads.openingLine(lead(LeadType.FORM_FILL, "Ana", null, "ebook", none, null)))
                .isEqualTo("Vi que descargaste el ebook: ¿qué te pareció?");
        assertThat(emailLeads.openingLine(lead(LeadType.REFERRAL, "Ana", null, null,
                new LeadDetails(null, null, null, null, "lucía fernández"), null, "en-US")))
                .isEqualTo("Lucía Fernández suggested I write to you, thinking this could be useful for your team.");
        assertThat(emailLeads.openingLine(lead(LeadType.FORM_FILL, "Ana", null, "ebook", none, null, "pt"))).isEmpty();
    }

    @Test
    void theTopicIsTheLastPageReadInWordsOrNothingWhenItSaysNothing() {
        assertThat(EmailLeads.topic(List.of("https://example.com/recursos/c%C3%B3mo-medir_el-ROI.pdf"))).isEqualTo("cómo medir el ROI");
        assertThat(EmailLeads.topic(List.of("/blog/x", "/"))).isNull();
        assertThat(EmailLeads.topic(List.of("/?p=12"))).isNull();
        assertThat(EmailLeads.topic(List.of("/blog/100%zz-off"))).isEqualTo("100%zz off");
        assertThat(EmailLeads.topic(List.of())).isNull();
    }

    private static Lead lead(LeadType type, String firstName, String lastName, String source, LeadDetails details, UUID companyLeadId) {
        return lead(type, firstName, lastName, source, details, companyLeadId, "es");
    }

    private static Lead lead(LeadType type, String firstName, String lastName, String source, LeadDetails details, UUID companyLeadId,
                             String language) {
        LeadFacts facts = new LeadFacts(type == LeadType.COMPANY_VISIT ? null : "ana@telcomex.mx", null, firstName, lastName, null,
                null, "telcomex.mx", null, null, "MX", "America/Mexico_City", language, source, details);
        return new Lead(UUID.randomUUID(), type, facts, companyLeadId, LeadStage.MQL, null, List.of(), Map.of(), "ana.rep",
                Instant.EPOCH, Instant.EPOCH);
    }
}
