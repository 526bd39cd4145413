package io.leadflow.process;

import io.leadflow.assignment.AssignRepWorker;
import io.leadflow.assignment.NotifyRepWorker;
import io.leadflow.assignment.SlaBreachWorker;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.calendar.CalendarProperties;
import io.leadflow.calendar.DueInWorkingTimeWorker;
import io.leadflow.engine.Decisions;
import io.leadflow.engine.EngineProperties;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessModels;
import io.leadflow.enrichment.EnrichLeadWorker;
import io.leadflow.intake.CreateContactLeadWorker;
import io.leadflow.intake.CreateReferralLeadWorker;
import io.leadflow.intake.LeadProcessWorker;
import io.leadflow.platform.Json;
import io.leadflow.scoring.DecideFitWorker;
import io.leadflow.scoring.DecideRoutingWorker;
import io.leadflow.scoring.RejectLeadWorker;
import io.leadflow.sequence.AttemptTimeWorker;
import io.leadflow.sequence.EnterNurtureWorker;
import io.leadflow.sequence.FollowUpTimeWorker;
import io.leadflow.sequence.NurtureContentWorker;
import io.leadflow.sequence.PlanSequenceWorker;
import io.leadflow.sequence.RecordSequenceExitWorker;
import io.leadflow.sequence.RecycleToNurtureWorker;
import io.leadflow.sequence.SendConnectedCallEmailWorker;
import io.leadflow.sequence.SendSequenceEmailWorker;
import io.leadflow.tasklist.SlaDecisionWorker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one Spring context of every process test: the job workers of all the models (a journey runs them all), what they
 * find in leadflow besides their services (leadflow's engine over the Camunda client, the decisions, the engine's clock
 * as leadflow's, the default working day) and the engine they poll. A rep's tasks are the tests' own: leadflow's task
 * list worker is left out. Deliberately not annotated {@code @Configuration}: leadflow's component scan would take it
 * into every full-stack context; {@link ProcessTest} names it, and its bean methods work as in a configuration without
 * proxies.
 */
@Import({EnrichLeadWorker.class, DecideFitWorker.class, DecideRoutingWorker.class, AssignRepWorker.class,
        NotifyRepWorker.class, SlaBreachWorker.class, CreateContactLeadWorker.class,
        CreateReferralLeadWorker.class, LeadProcessWorker.class, MoveStageWorker.class, PlanSequenceWorker.class,
        AttemptTimeWorker.class, FollowUpTimeWorker.class, SendSequenceEmailWorker.class, SendConnectedCallEmailWorker.class,
        RecordSequenceExitWorker.class, RecycleToNurtureWorker.class, RejectLeadWorker.class, EnterNurtureWorker.class,
        NurtureContentWorker.class, SlaDecisionWorker.class, DueInWorkingTimeWorker.class, BusinessHoursCalendar.class,
        Decisions.class, ProcessModels.class, Json.class})
// leadflow's engine over the Camunda client (package-private in its module)
@ComponentScan(basePackageClasses = ProcessModels.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ProcessEngine.class))
class ProcessTestConfiguration {

    /** Closed with the context, after the workers stopped polling it (it was made first, for the client's address). */
    @Bean(destroyMethod = "close")
    ProcessTestEngine processTestEngine() {
        return ProcessTestEngine.deployingAll();
    }

    @Bean
    DynamicPropertyRegistrar engineGateway(ProcessTestEngine engine) {
        return engine::clientProperties;
    }

    @Bean
    Clock clock(ProcessTestEngine engine) {
        return engine.clock();
    }

    /** The engine module's deployment of processes/, as at start-up (the same files again: the engine keeps their versions). */
    @Bean
    EngineProperties engineProperties() {
        return new EngineProperties(EngineProperties.Mode.REMOTE, null, Duration.ofDays(1), "classpath*:processes/*",
                ProcessTestEngine.PATIENCE, null);
    }

    @Bean
    CalendarProperties calendarProperties() {
        return new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0));
    }

    /** The context, once a process test ran in it. */
    private static final AtomicReference<ConfigurableApplicationContext> shared = new AtomicReference<>();

    /**
     * Cancels what a test left running on the shared engine, so that no later test's clock moves wake it and its workers
     * call the next test's mocks.
     */
    static final class InstancesCancelled implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            ApplicationContext spring = SpringExtension.getApplicationContext(context);
            shared.set((ConfigurableApplicationContext) spring);
            spring.getBean(ProcessTestEngine.class).cancelRunningInstances();
        }
    }

    /**
     * Closes the context once the run's last process test class is done, rather than when the JVM ends: until then its
     * workers poll the engine and the engine answers, beside the test classes still to run.
     */
    public static final class ClosedAfterTheLastProcessTest implements TestExecutionListener {

        private final Set<String> classesToRun = ConcurrentHashMap.newKeySet();

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier test : plan.getDescendants(root)) {
                    if (test.getSource().orElse(null) instanceof ClassSource type
                            && AnnotationSupport.isAnnotated(type.getJavaClass(), ProcessTest.class)) {
                        classesToRun.add(test.getUniqueId());
                    }
                }
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            ConfigurableApplicationContext context;
            if (classesToRun.remove(test.getUniqueId()) && classesToRun.isEmpty() && (context = shared.getAndSet(null)) != null) {
                context.close();
            }
        }
    }
}
