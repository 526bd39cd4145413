package io.leadflow.reports;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.assignment.LeadQuota;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.SlaQuery;
import io.leadflow.email.MailFailed;
import io.leadflow.email.MailOutbox;
import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.FunnelQuery;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.scoring.Rejections;
import io.leadflow.sequence.SequenceStats;
import io.leadflow.tasklist.TaskLoad;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static io.leadflow.MockCalls.called;
import static org.mockito.Mockito.verify;

/**
 * The reports module on its own (the owners' queries it composes mocked): a mail leadflow gave up goes on its lead's
 * timeline, where the managers see it and retry it.
 */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {FunnelQuery.class, Leads.class, RepDirectory.class, SlaQuery.class, LeadQuota.class, MailOutbox.class,
        Rejections.class, SequenceStats.class, TaskLoad.class, Incidents.class, ProcessEngine.class, ProcessInstances.class,
        ProcessModels.class, Clock.class})
class ReportsModuleTest {

    private static final UUID LEAD = UUID.fromString("c47e1a90-2b5d-4f36-9e18-6a3d0b7c5f21");
    private static final String KEY = "sequence:" + LEAD + ":2";

    @MockitoBean
    Timeline timeline;

    @Test
    void aMailGivenUpGoesOnItsLeadsTimeline(Scenario scenario) {
        scenario.publish(new MailFailed(LEAD, KEY, "<m2@leadflow.local>", "Carlos, una pregunta",
                        "550 5.1.1 mailbox unavailable", true))
                .andWaitForStateChange(() -> called(timeline, "record"))
                .andVerify(recorded -> verify(timeline).record(LEAD, Timeline.Type.EMAIL_FAILED, Map.of("idempotencyKey", KEY,
                        "messageId", "<m2@leadflow.local>", "subject", "Carlos, una pregunta", "error", "550 5.1.1 mailbox unavailable",
                        "permanent", true)));
    }
}
