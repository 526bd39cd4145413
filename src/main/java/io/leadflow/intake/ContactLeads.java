package io.leadflow.intake;

import java.util.UUID;

/**
 * The person a rep found to contact for a company's lead ("Research who to contact"), or who signs for a lead that
 * does not ("Find who signs"): a lead of its own, linked to the lead it came from, identified like any other.
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

    /**
     * Receives the person a lead said decides instead of them as a {@code REFERRAL} lead introduced by that lead (its
     * name is the referral's {@code referredBy}), at its company and linked to it, checked and started as
     * {@link #receive} does; the same person again (by email) is the same lead.
     *
     * @return the referral's lead
     * @throws io.leadflow.platform.InvalidRequestException naming the contact's fields at fault
     */
    UUID referral(UUID introducerLeadId, Contact contact);
}
