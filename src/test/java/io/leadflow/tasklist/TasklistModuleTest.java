package io.leadflow.tasklist;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.assignment.FirstContactRenewed;
import io.leadflow.assignment.LeadFinder;
import io.leadflow.assignment.OwnerChanged;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.engine.EngineIdentity;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.Json;
import io.leadflow.platform.PageModel;
import io.leadflow.platform.PlatformProperties;
import io.leadflow.process.SequenceProcess;
import io.leadflow.scoring.Rejections;
import io.leadflow.tasklist.internal.RepTaskRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

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
@MockitoBean(types = {AssignmentService.class, LeadFinder.class, RepDirectory.class, EngineIdentity.class, ProcessEngine.class,
        ProcessModels.class, Leads.class, Rejections.class, Json.class, PageModel.class, PlatformProperties.class, Clock.class,
        JdbcClient.class})
class TasklistModuleTest {

    private static final UUID LEAD = UUID.fromString("5a0c4c0e-1d8b-4a53-a1f4-7c2e0b9d3e61");

    /**
     * The tasklist's transactions and the Scenario's need a manager, not a database; one that runs what waits for the
     * commit, as a listener after it does.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class TransactionsWithoutADatabase {
        @Bean
        PlatformTransactionManager transactionManager() {
            return new AbstractPlatformTransactionManager() {
                @Override
                protected Object doGetTransaction() {
                    return new Object();
                }

                @Override
                protected void doBegin(Object transaction, TransactionDefinition definition) {
                }

                @Override
                protected void doCommit(DefaultTransactionStatus status) {
                }

                @Override
                protected void doRollback(DefaultTransactionStatus status) {
                }
            };
        }
    }

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
    void aRenewedFirstContactGetsItsNewDueAfterTheCommit(Scenario scenario) {
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
