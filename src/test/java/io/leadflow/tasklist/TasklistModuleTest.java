package io.leadflow.tasklist;

import io.leadflow.TransactionsWithoutADatabase;
import io.leadflow.WithoutInfrastructure;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.assignment.FirstContactRenewed;
import io.leadflow.assignment.LeadFinder;
import io.leadflow.assignment.OwnerChanged;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.email.EmailLeads;
import io.leadflow.engine.EngineIdentity;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.Json;
import io.leadflow.platform.PageModel;
import io.leadflow.platform.PlatformProperties;
import io.leadflow.platform.WorkQueues;
import io.leadflow.process.SequenceProcess;
import io.leadflow.scoring.Rejections;
import io.leadflow.tasklist.internal.RepTaskRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The tasklist on its own, without PostgreSQL or engine (its neighbours and its table mocked): the events of the
 * assignment it hears move a lead's open tasks to its new owner and give its first contact a new due.
 */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@Import(TransactionsWithoutADatabase.class)
@MockitoBean(types = {AssignmentService.class, LeadFinder.class, RepDirectory.class, EngineIdentity.class, ProcessEngine.class,
        ProcessModels.class, Leads.class, Rejections.class, Json.class, PageModel.class, PlatformProperties.class, Clock.class,
        JdbcClient.class, EmailLeads.class, WorkQueues.class})
class TasklistModuleTest {

    private static final UUID LEAD = UUID.fromString("5a0c4c0e-1d8b-4a53-a1f4-7c2e0b9d3e61");

    @MockitoBean
    RepTaskRepository tasks;
    @MockitoBean
    Timeline timeline;

    @Test
    void theOpenTasksGoWithTheLeadToItsNewOwner(Scenario scenario) {
        when(tasks.moveOpen(LEAD, "ana", "ben")).thenReturn(2);

        scenario.publish(new OwnerChanged(LEAD, "ana", "ben"))
                .andWaitForStateChange(() -> called(timeline, "record"))
                .andVerify(recorded -> verify(timeline).record(LEAD, Timeline.Type.TASKS_MOVED, Map.of("from", "ana", "to", "ben", "tasks", 2)));
    }

    @Test
    void aRenewedFirstContactGetsItsNewDue(Scenario scenario) {
        Instant due = Instant.parse("2026-03-03T15:00:00Z");

        scenario.publish(new FirstContactRenewed(LEAD, due))
                .andWaitForStateChange(() -> called(tasks, "renewDue"))
                .andVerify(renewed -> verify(tasks).renewDue(LEAD, SequenceProcess.FIRST_CONTACT_TASK, due));
    }

    /** Whether the mock's method was called: the scheduled work of the module calls the same mocks meanwhile. */
    private static boolean called(Object mock, String method) {
        return mockingDetails(mock).getInvocations().stream().anyMatch(call -> call.getMethod().getName().equals(method));
    }
}
