package io.leadflow.intake;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.process.IdentifyProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.stream.Collectors;

/** The contact a rep found in "Research who to contact" becomes a lead of its own. */
@Component
public class CreateContactLeadWorker {

    private final ContactLeads contacts;

    CreateContactLeadWorker(ContactLeads contacts) {
        this.contacts = contacts;
    }

    @JobWorker(type = IdentifyProcess.CREATE_CONTACT_LEAD)
    public IdentifyProcess.ContactLeadCreated createContactLead(@VariablesAsType IdentifyProcess.ResearchedContact research) {
        try {
            UUID contact = contacts.receive(UUID.fromString(research.leadId()), new ContactLeads.Contact(
                    research.contactFirstName(), research.contactLastName(), research.contactEmail(), research.contactJobTitle()));
            return new IdentifyProcess.ContactLeadCreated(contact.toString());
        } catch (InvalidRequestException e) {
            // The same answers fail the same way: no retries, an incident that says what to correct.
            throw CamundaError.jobError("The researched contact is not a valid lead: " + e.errors().stream()
                    .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")), null, 0);
        }
    }
}
