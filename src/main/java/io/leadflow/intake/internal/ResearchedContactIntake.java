package io.leadflow.intake.internal;

import io.leadflow.intake.ContactLeads;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import org.springframework.stereotype.Service;

import java.util.UUID;

/**
 * A researched contact arrives as the API's lead would, of type {@link LeadType#RESEARCH} (or {@link LeadType#REFERRAL},
 * introduced by the lead that said who signs): the person's fields from the rep, the company's (name, domain, size, industry, country, zone, language, source) from the company's lead.
 */
@Service
class ResearchedContactIntake implements ContactLeads {

    private final Leads leads;
    private final LeadValidator validator;
    private final LeadService service;

    ResearchedContactIntake(Leads leads, LeadValidator validator, LeadService service) {
        this.leads = leads;
        this.validator = validator;
        this.service = service;
    }

    @Override
    public UUID receive(UUID companyLeadId, Contact contact) {
        return receive(companyLeadId, contact, LeadType.RESEARCH, null);
    }

    @Override
    public UUID referral(UUID introducerLeadId, Contact contact) {
        LeadFacts introducer = leads.get(introducerLeadId).facts();
        String name = introducer.personName();
        return receive(introducerLeadId, contact, LeadType.REFERRAL, name.isEmpty() ? introducer.email() : name);
    }

    private UUID receive(UUID companyLeadId, Contact contact, LeadType type, String referredBy) {
        LeadFacts company = leads.get(companyLeadId).facts();
        LeadSubmission checked = validator.validate(new LeadRequest(type, contact.email(), null, contact.firstName(),
                contact.lastName(), contact.jobTitle(), company.company(), company.companyDomain(), company.employees(),
                company.industry(), company.country(), company.timeZone(), company.language(), company.source(), null, null,
                null, null, referredBy));
        return service.submit(new LeadSubmission(checked.type(), checked.facts(), companyLeadId)).id();
    }
}
