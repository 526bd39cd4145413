package io.leadflow.lead.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.platform.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a merge finds new in a lead's second submission: only that decides whether its fit is looked at again. */
class LeadRepositoryChangesTest {

    private final Json json = new Json(new ObjectMapper());

    private final LeadFacts analyst = facts("ana@andesnet.co", "Marketing Analyst", "America/Bogota", "ebook",
            new LeadDetails(null, List.of("/pricing"), null, null, null));

    @Test
    void theSameFactsAgainBringNothingNew() {
        assertThat(changes(analyst, analyst)).isEmpty();
    }

    @Test
    void fieldsNotGivenAgainBringNothingNew() {
        assertThat(changes(analyst, facts("ana@andesnet.co", null, "America/Bogota", null, null))).isEmpty();
    }

    @Test
    void aNewJobTitleIsNew() {
        assertThat(changes(analyst, facts("ana@andesnet.co", "CEO", "America/Bogota", "ebook", null)))
                .containsExactly(Map.entry("jobTitle", "CEO"));
    }

    @Test
    void aNewDetailIsNew() {
        LeadFacts again = facts("ana@andesnet.co", null, "America/Bogota", null,
                new LeadDetails(null, List.of("/pricing", "/demo"), null, null, null));
        assertThat(changes(analyst, again)).containsExactly(Map.entry("pagesViewed", List.of("/pricing", "/demo")));
    }

    @Test
    void whatTheFirstSubmissionKeepsIsNeverNew() {
        // The email is the key (its spelling may differ); zone and language may be defaults derived from the country.
        assertThat(changes(analyst, facts("ANA@andesnet.co", null, "America/Lima", null, null))).isEmpty();
    }

    private Map<String, Object> changes(LeadFacts before, LeadFacts after) {
        return LeadRepository.changes(json.toMap(before), json.toMap(after));
    }

    private static LeadFacts facts(String email, String jobTitle, String timeZone, String source, LeadDetails details) {
        return new LeadFacts(email, null, "Ana", null, jobTitle, "AndesNet", null, null, null, "CO", timeZone, "es", source,
                details == null ? new LeadDetails(null, null, null, null, null) : details);
    }
}
