package io.leadflow.intake.internal;

import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.StageMove;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which leads new facts send through identify again: nurtured people who never went to sales. */
class LeadServiceTest {

    private static final List<StageMove> NURTURED = List.of(new StageMove(LeadStage.LEAD, Instant.EPOCH, "received as FORM_FILL", null));

    @Test
    void aNurturedPersonIsIdentifiedAgain() {
        assertThat(LeadService.whyNotIdentifiedAgain(LeadStage.LEAD, true, () -> NURTURED)).isEmpty();
    }

    @Test
    void anMqlOrLaterAndADisqualifiedLeadAreNot() {
        for (LeadStage stage : List.of(LeadStage.MQL, LeadStage.SQL, LeadStage.OPPORTUNITY, LeadStage.CUSTOMER, LeadStage.DISQUALIFIED)) {
            assertThat(LeadService.whyNotIdentifiedAgain(stage, true, () -> NURTURED)).contains("stage " + stage);
        }
    }

    @Test
    void aCompanyWithoutAPersonIsNot() {
        assertThat(LeadService.whyNotIdentifiedAgain(LeadStage.LEAD, false, () -> NURTURED)).contains("no person to qualify");
    }

    @Test
    void aLeadBackFromSalesIsNot() {
        List<StageMove> recycled = List.of(NURTURED.getFirst(), new StageMove(LeadStage.MQL, Instant.EPOCH, "lead-fit", null),
                new StageMove(LeadStage.LEAD, Instant.EPOCH, "sequence ended without an answer", null));
        assertThat(LeadService.whyNotIdentifiedAgain(LeadStage.LEAD, true, () -> recycled)).isEqualTo(Optional.of("went to sales before"));
    }

    @Test
    void aNewSubmissionOfALeadBackFromSalesIsASignInWords() {
        assertThat(LeadService.nurtureSign(new LeadSubmission(LeadType.FORM_FILL, facts("ebook"), null))).isEqualTo("New form fill: ebook");
        assertThat(LeadService.nurtureSign(new LeadSubmission(LeadType.TRIGGER_EVENT, facts(null), null))).isEqualTo("New trigger event");
    }

    private static LeadFacts facts(String source) {
        return new LeadFacts("ana@example.com", null, "Ana", null, null, null, null, null, null, "MX", "America/Mexico_City", "es",
                source, null);
    }
}
