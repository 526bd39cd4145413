package io.leadflow.process;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.assignment.RepNotifier;
import io.leadflow.assignment.SlaEscalation;
import io.leadflow.enrichment.EnrichmentService;
import io.leadflow.enrichment.FitFacts;
import io.leadflow.intake.ContactLeads;
import io.leadflow.lead.LeadStage;
import io.leadflow.scoring.Qualification;
import io.leadflow.scoring.QualificationService;
import io.leadflow.scoring.Routings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * lead-identify, path by path, with its real workers: the fit decided by lead-fit and the team by lead-assignment (the
 * engine module evaluating them as deployed with the model), the hand-off, and a trigger event researched.
 */
@ProcessTest
class LeadIdentifyProcessTest {

    @Autowired
    ProcessTestEngine engine;

    @Autowired
    EnrichmentService enrichment;
    @Autowired
    QualificationService qualifications;
    @Autowired
    Routings routings;
    @Autowired
    AssignmentService assignments;
    @Autowired
    RepNotifier notifier;
    @Autowired
    SlaEscalation escalation;
    @Autowired
    ContactLeads contacts;

    final UUID lead = UUID.randomUUID();

    @BeforeEach
    void repsAndManagers() {
        Identifications.assignedToAna(assignments, lead, engine);
        when(escalation.escalate(any(), any(), anyInt(), any(), anyInt())).thenReturn("marta");
    }

    void enrichedAs(FitFacts facts) {
        Identifications.enrichedAs(enrichment, lead, facts);
    }

    long identify(String leadType, boolean personKnown) {
        return engine.start(IdentifyProcess.ID, vars("leadId", lead.toString(), "leadType", leadType, "country", "MX",
                "timeZone", "America/Mexico_City", "language", "es", "personKnown", personKnown));
    }

    @Test
    void anMqlIsAssignedToARepOfTheTeamItsTableChoseWhoIsNotified() {
        enrichedAs(new FitFacts("CEO", "telecom", 400, "LATAM", false, true, 0, null));
        long instance = identify("FORM_FILL", true);

        engine.awaitPassed(Set.of(instance), "EndEvent_HandedOff");
        verify(qualifications).record(eq(lead), eq(new Qualification(LeadStage.MQL, 100, List.of(
                "Target industry: telecom", "200+ employees", "Region: LATAM",
                "Power signals: activity, presence and biography"))), any(), anyString());
        verify(assignments).assign(lead, "latam");
        verify(notifier).notifyOwner(eq(lead), argThat(firstTask -> firstTask.apply(Locale.ENGLISH).equals("First contact")
                && firstTask.apply(Locale.forLanguageTag("es")).equals("Primer contacto")), any());
        assertThat(engine.records().completedElements(Set.of(instance))).containsSubsequence("Task_EnrichLead",
                "Task_DecideFit", "Task_ChooseTeam", "Task_AssignRep", "Task_NotifyRep",
                "EndEvent_HandedOff");
    }

    @Test
    void aStudentIsDisqualifiedAndNoRepIsAssigned() {
        enrichedAs(new FitFacts("STUDENT", null, null, null, false, false, 0, null));
        long instance = identify("FORM_FILL", true);

        engine.awaitPassed(Set.of(instance), "EndEvent_Disqualified");
        verify(qualifications).record(eq(lead), eq(new Qualification(LeadStage.DISQUALIFIED, 0, List.of())),
                any(), anyString());
        verify(assignments, never()).assign(eq(lead), any());
    }

    @Test
    void aLeadNotYetAnMqlGoesToNurture() {
        enrichedAs(new FitFacts("OTHER", "telecom", null, null, false, false, 0, null));
        long instance = identify("FORM_FILL", true);

        engine.awaitPassed(Set.of(instance), "EndEvent_Nurture");
        verify(assignments, never()).assign(eq(lead), any());
    }

    @Test
    void aTriggerEventWithoutAPersonIsResearchedOnTimeOrEscalatedAndTheContactFoundBecomesALead() {
        enrichedAs(new FitFacts("OTHER", null, null, "LATAM", false, false, 0, null));
        UUID contact = UUID.randomUUID();
        ContactLeads.Contact found = new ContactLeads.Contact("Valeria", "Soto", "valeria@telcomex.mx", "CEO");
        when(contacts.receive(lead, found)).thenReturn(contact);
        long instance = identify("TRIGGER_EVENT", false);

        ActivatedJob research = engine.awaitTask("Task_ResearchContacts", instance);
        assertThat(research.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "rep-1");
        verify(assignments).assign(lead, "latam");
        Escalations.escalatedAtItsDueOnly(engine, escalation, lead, instance, research, SlaEscalation.Breach.RESEARCH);
        engine.complete(research, Map.of("contactFirstName", "Valeria", "contactLastName", "Soto",
                "contactEmail", "valeria@telcomex.mx", "contactJobTitle", "CEO", "notes", "Found on the company's team page"));

        engine.awaitPassed(Set.of(instance), "EndEvent_ContactsResearched");
        verify(contacts).receive(lead, found);
        assertThat(engine.records().completedElements(Set.of(instance))).doesNotContain("Task_DecideFit");
    }
}
