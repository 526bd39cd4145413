package io.leadflow.lead;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.lead.internal.LeadRepository;
import io.leadflow.platform.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

/**
 * The lead module on its own, without PostgreSQL (its tables mocked): a stage move tells the other modules which stage
 * the lead left, with the country and zone its working hours are counted in.
 */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {JdbcClient.class, Json.class, Clock.class, Timeline.class})
class LeadModuleTest {

    private static final UUID LEAD = UUID.fromString("3d6b2f0e-8a41-4c77-b1de-5f0a9c2e4b18");
    private static final StageMove RECEIVED = new StageMove(LeadStage.LEAD, Instant.parse("2026-03-02T14:00:00Z"), "received as FORM_FILL", null);
    private static final StageMove QUALIFIED = new StageMove(LeadStage.MQL, Instant.parse("2026-03-02T14:00:05Z"),
            "lead-fit: score 80 (decision maker)", "lead-identify v1");

    @MockitoBean
    LeadRepository repository;

    private final Leads leads;

    LeadModuleTest(Leads leads) {
        this.leads = leads;
    }

    @BeforeEach
    void theLeadIsInBogota() {
        when(repository.find(LEAD)).thenReturn(Optional.of(BogotaLead.withId(LEAD)));
    }

    @Test
    void aStageMoveTellsTheStageTheLeadLeftAndWhereItIs(Scenario scenario) {
        when(repository.moveToStage(LEAD, QUALIFIED)).thenReturn(true);
        when(repository.stagesOf(LEAD)).thenReturn(List.of(RECEIVED, QUALIFIED));

        scenario.stimulate(() -> leads.moveTo(LEAD, QUALIFIED))
                .andWaitForEventOfType(StageLeft.class)
                .toArriveAndVerify(left -> assertThat(left)
                        .isEqualTo(new StageLeft(LEAD, RECEIVED, QUALIFIED, "CO", BogotaLead.ZONE)));
    }

    @Test
    void aRepeatedMoveToTheStageTheLeadIsInTellsNothing(PublishedEvents events) {
        when(repository.moveToStage(LEAD, QUALIFIED)).thenReturn(false);

        leads.moveTo(LEAD, QUALIFIED);

        // The move is told in the mover's call, so an event not published by its return never is.
        assertThat(events.ofType(StageLeft.class)).isEmpty();
    }
}
