package io.leadflow.assignment;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.assignment.internal.DirectoryRepository;
import io.leadflow.assignment.internal.Rotation;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.EmailLeads;
import io.leadflow.email.InternalMailRenderer;
import io.leadflow.email.MailOutbox;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.AttemptedLeads;
import io.leadflow.lead.BogotaLead;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.StageLeft;
import io.leadflow.lead.StageMove;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.PlatformProperties;
import io.leadflow.platform.Secrets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

/**
 * The assignment module on its own, without PostgreSQL (its neighbours and its tables mocked): a reassignment tells the
 * lead's new owner, a late lead kept with its rep tells its first contact's new due, and a stage the lead left is
 * counted in the working hours of the lead's country.
 */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {DirectoryRepository.class, Timeline.class, EmailLeads.class, InternalMailRenderer.class, MailOutbox.class,
        ConnectedMailboxes.class, ProcessModels.class, AttemptedLeads.class, PlatformProperties.class, Secrets.class,
        PasswordEncoder.class, Clock.class})
class AssignmentModuleTest {

    private static final UUID LEAD = UUID.fromString("9e2d4c1b-7a3f-4e58-8b06-1c5d7e9f2a34");
    /** Four working hours from now in Bogotá: the first contact's SLA. */
    private static final ZonedDateTime DUE = ZonedDateTime.parse("2026-03-03T11:00-05:00[America/Bogota]");

    @MockitoBean
    Leads leads;
    @MockitoBean
    Rotation rotation;
    @MockitoBean
    BusinessHoursCalendar calendar;

    private final AssignmentService assignments;
    private final SlaEscalation escalation;
    private final MeterRegistry meters;

    AssignmentModuleTest(AssignmentService assignments, SlaEscalation escalation, MeterRegistry meters) {
        this.assignments = assignments;
        this.escalation = escalation;
        this.meters = meters;
    }

    @BeforeEach
    void theLeadIsAnasInBogota() {
        when(leads.get(LEAD)).thenReturn(BogotaLead.withId(LEAD));
        when(calendar.dueFromNow(Duration.ofHours(4), "CO", BogotaLead.ZONE)).thenReturn(DUE);
    }

    @Test
    void aReassignmentTellsWhoHadTheLeadAndWhoHasItNow(Scenario scenario) {
        when(rotation.teamOf(LEAD)).thenReturn(Optional.of("latam"));
        when(rotation.next("latam", "ana")).thenReturn(Optional.of(new Rotation.Turn(
                new Rep("ben", "Ben Ortiz", "ben@leadflow.local", "latam", true, false, null, 40), "latam", false)));

        scenario.stimulate(() -> assignments.reassign(LEAD))
                .andWaitForEventOfType(OwnerChanged.class)
                .toArriveAndVerify(changed -> assertThat(changed).isEqualTo(new OwnerChanged(LEAD, "ana", "ben")));
    }

    @Test
    void aLateLeadKeptWithItsRepTellsItsFirstContactsNewDue(Scenario scenario) {
        scenario.stimulate(() -> escalation.keep(LEAD))
                .andWaitForEventOfType(FirstContactRenewed.class)
                .toArriveAndVerify(renewed -> assertThat(renewed).isEqualTo(new FirstContactRenewed(LEAD, DUE.toInstant())));
    }

    @Test
    void theStageALeadLeftIsTimedInItsWorkingHours(Scenario scenario) {
        StageMove received = new StageMove(LeadStage.LEAD, Instant.parse("2026-03-02T14:00:00Z"), "received as FORM_FILL", null);
        StageMove qualified = new StageMove(LeadStage.MQL, Instant.parse("2026-03-03T14:00:00Z"), "lead-fit: score 80", "lead-identify v1");
        when(calendar.workingTimeBetween(received.at(), qualified.at(), "CO", BogotaLead.ZONE)).thenReturn(Duration.ofHours(9));

        scenario.publish(new StageLeft(LEAD, received, qualified, "CO", BogotaLead.ZONE))
                .andWaitForStateChange(() -> meters.find("leadflow.stage.working.duration").tag("stage", "LEAD").timer(), Objects::nonNull)
                .andVerify(timer -> {
                    assertThat(timer.count()).isEqualTo(1);
                    assertThat(timer.totalTime(TimeUnit.HOURS)).isEqualTo(9);
                });
    }
}
