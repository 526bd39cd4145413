package io.leadflow.intake;

import java.util.UUID;

/**
 * The person a rep found to contact for a company's lead ("Research who to contact"): a lead of its own, linked to
 * the company's, identified like any other.
 */
public interface ContactLeads {

    /** The person as the rep found them. */
    record Contact(String firstName, String lastName, String email, String jobTitle) {
    }

    /**
     * Receives the contact as a lead at the company's lead's company, checked as the API checks a lead, and starts its
     * process; a known person's lead takes the new facts and the link instead. The same contact again changes nothing.
     *
     * @return the contact's lead
     * @throws io.leadflow.platform.InvalidRequestException naming the contact's fields at fault
     */
    UUID receive(UUID companyLeadId, Contact contact);
}
