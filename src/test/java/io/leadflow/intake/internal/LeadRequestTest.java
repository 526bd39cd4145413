package io.leadflow.intake.internal;

import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.platform.FieldError;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The lead request's fields are the lead's, and its rules judge what the fields mean together. */
class LeadRequestTest {

    @Test
    void theRequestHasTheTypeAndEveryFieldOfALeadInOrder() {
        Stream<String> facts = Arrays.stream(LeadFacts.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals("details"));
        Stream<String> details = Arrays.stream(LeadDetails.class.getRecordComponents()).map(RecordComponent::getName);
        assertThat(LeadRequest.fieldNames()).isEqualTo(Stream.of(Stream.of("type"), facts, details).flatMap(s -> s).toList());
    }

    @Test
    void theSpacesAroundAValueAreDroppedAndABlankValueIsNoneButControlCharactersStayToBeRefused() {
        LeadRequest request = request(LeadType.FORM_FILL, " ana@andesnet.co ", "CO\u0007", List.of(" /a ", " ", "/b"));

        assertThat(request.email()).isEqualTo("ana@andesnet.co");
        assertThat(request.country()).isEqualTo("CO\u0007");
        assertThat(request.pagesViewed()).containsExactly("/a", "/b");
        assertThat(request(LeadType.FORM_FILL, "\u2003 ", null, null).email()).isNull();
    }

    @Test
    void theZoneAndLanguageComeFromTheCountryAndTheCodesAreInTheirCase() {
        List<FieldError> faults = new ArrayList<>();
        LeadSubmission lead = request(LeadType.FORM_FILL, "ana@andesnet.co", "co", null).submission(Set.of(), faults::add);

        assertThat(faults).isEmpty();
        assertThat(lead.facts().country()).isEqualTo("CO");
        assertThat(lead.facts().timeZone()).isEqualTo("America/Bogota");
        assertThat(lead.facts().language()).isEqualTo("es");
    }

    @Test
    void whatATypeRequiresIsNamedAndAFieldAtFaultAlreadyIsNotJudgedAgain() {
        List<FieldError> faults = new ArrayList<>();
        request(LeadType.REFERRAL, null, "XX", null).submission(Set.of(), faults::add);
        assertThat(faults).extracting(FieldError::field).containsExactlyInAnyOrder("country", "referredBy", "email", "timeZone");

        faults.clear();
        request(LeadType.REFERRAL, "not an address", "CO", null).submission(Set.of("email"), faults::add);
        assertThat(faults).extracting(FieldError::field).containsExactly("referredBy");
    }

    private static LeadRequest request(LeadType type, String email, String country, List<String> pagesViewed) {
        return new LeadRequest(type, email, null, null, null, null, null, null, null, null, country, null, null, null, null,
                pagesViewed, null, null, null);
    }
}
