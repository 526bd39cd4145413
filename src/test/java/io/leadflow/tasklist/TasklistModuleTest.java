package io.leadflow.tasklist;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadflow.MockCalls.called;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The tasklist on its own, without PostgreSQL or engine (its neighbours and its table mocked): a task completed or
 * withdrawn tells the feature that asked for it how it ended; the events of the assignment it hears move a lead's open
 * tasks to its new owner and give its first contact a new due.
 */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {AssignmentService.class, LeadFinder.class, RepDirectory.class, EngineIdentity.class, ProcessEngine.class,
        ProcessModels.class, Leads.class, Rejections.class, Json.class, PageModel.class, PlatformProperties.class,
        JdbcClient.class, EmailLeads.class, WorkQueues.class})
class TasklistModuleTest {

    private static final UUID LEAD = UUID.fromString("5a0c4c0e-1d8b-4a53-a1f4-7c2e0b9d3e61");
    private static final Instant NOW = Instant.parse("2026-03-02T16:00:00Z");
    private static final long JOB = 2251799813685249L;
    /** Ana's first contact of the lead, the first attempt of its sequence. */
    private static final RepTask FIRST_CONTACT = new RepTask(JOB, LEAD, SequenceProcess.FIRST_CONTACT_TASK, "First contact", "ana",
            null, "first-contact", Instant.parse("2026-03-02T19:00:00Z"), RepTask.Status.OPEN, NOW, null, null, Map.of(), 1, Map.of(), null);

    @MockitoBean
    RepTaskRepository tasks;
    @MockitoBean
    Timeline timeline;
    @MockitoBean
    Clock clock;

    private final RepTaskService service;

    TasklistModuleTest(RepTaskService service) {
        this.service = service;
    }

    @BeforeEach
    void itIsNow() {
        when(clock.instant()).thenReturn(NOW);
    }

    @Test
    void aCompletedTaskTellsItsAttemptAndTheFormsValues(Scenario scenario) {
        Map<String, Object> values = Map.of("outcome", "CONNECTED", "notes", "Call back in April");
        when(tasks.find(JOB)).thenReturn(Optional.of(FIRST_CONTACT));
        when(tasks.recordCompletion(eq(JOB), eq("ana"), eq(values), eq(NOW), any())).thenReturn(true);

        scenario.stimulate(() -> service.complete(JOB, "ana", false, values))
                .andWaitForEventOfType(RepTaskService.RepTaskClosed.class)
                .toArriveAndVerify(closed -> assertThat(closed).isEqualTo(new RepTaskService.RepTaskClosed(LEAD, 1,
                        SequenceProcess.FIRST_CONTACT_TASK, RepTask.Status.COMPLETED, values)));
    }

    @Test
    void aTaskTheProcessWithdrewTellsItWasCancelled(Scenario scenario) {
        when(tasks.openOfLead(LEAD)).thenReturn(List.of(FIRST_CONTACT));
        when(tasks.cancel(JOB, NOW)).thenReturn(true);

        scenario.stimulate(() -> service.withdrawOpenTasksOf(LEAD))
                .andWaitForEventOfType(RepTaskService.RepTaskClosed.class)
                .toArriveAndVerify(closed -> assertThat(closed).isEqualTo(new RepTaskService.RepTaskClosed(LEAD, 1,
                        SequenceProcess.FIRST_CONTACT_TASK, RepTask.Status.CANCELLED, Map.of())));
    }

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

}
