package io.leadflow.intake;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.process.ExploreProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.stream.Collectors;

/** Who signs, found in "Find who signs", becomes a referral lead introduced by the lead that does not. */
@Component
public class CreateReferralLeadWorker {

    private final ContactLeads contacts;

    CreateReferralLeadWorker(ContactLeads contacts) {
        this.contacts = contacts;
    }

    @JobWorker(type = ExploreProcess.CREATE_REFERRAL_LEAD)
    public ExploreProcess.ReferralLeadCreated createReferralLead(@VariablesAsType ExploreProcess.Signer signer) {
        try {
            UUID referral = contacts.referral(UUID.fromString(signer.leadId()), new ContactLeads.Contact(
                    signer.signerFirstName(), signer.signerLastName(), signer.signerEmail(), signer.signerJobTitle()));
            return new ExploreProcess.ReferralLeadCreated(referral.toString());
        } catch (InvalidRequestException e) {
            // The same answers fail the same way: no retries, an incident that says what to correct.
            throw CamundaError.jobError("Who signs is not a valid lead: " + e.errors().stream()
                    .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")), null, 0);
        }
    }
}
