package io.leadflow.process;

import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.assignment.RepNotifier;
import io.leadflow.assignment.SlaEscalation;
import io.leadflow.enrichment.EnrichmentService;
import io.leadflow.intake.ContactLeads;
import io.leadflow.intake.LeadProcesses;
import io.leadflow.lead.Leads;
import io.leadflow.scoring.QualificationService;
import io.leadflow.scoring.Rejections;
import io.leadflow.scoring.Routings;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.SequenceEmails;
import io.leadflow.sequence.SequenceOutcomes;
import io.leadflow.sequence.SequenceSchedule;
import io.leadflow.tasklist.RepTaskService;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A model's process test: the real job workers of the models, registered by the Camunda Spring SDK as in leadflow,
 * polling a {@link ProcessTestEngine}; the services they call are mocked at their boundary (the test class takes the
 * mocks it verifies with {@code @Autowired}; each is reset after every test). Every process test class shares this one
 * context and its engine, one class at a time (the engine's clock is theirs): a test's assertions are about its own
 * lead and instances, and what it leaves running is cancelled after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ProcessTestConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ImportAutoConfiguration({JacksonAutoConfiguration.class, MetricsAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, CamundaAutoConfiguration.class})
@MockitoBean(types = {EnrichmentService.class, QualificationService.class, Routings.class, Rejections.class,
        AssignmentService.class, RepNotifier.class, SlaEscalation.class, ContactLeads.class, LeadProcesses.class,
        Leads.class, SequenceSchedule.class, SequenceEmails.class, SequenceOutcomes.class, Nurtures.class, RepTaskService.class})
@ResourceLock("io.leadflow.process.ProcessTestEngine")
@ExtendWith(ProcessTestConfiguration.InstancesCancelled.class)
public @interface ProcessTest {
}
