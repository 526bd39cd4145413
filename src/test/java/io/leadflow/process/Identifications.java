package io.leadflow.process;

import io.leadflow.assignment.Assignment;
import io.leadflow.assignment.AssignmentService;
import io.leadflow.enrichment.Enrichment;
import io.leadflow.enrichment.EnrichmentService;
import io.leadflow.enrichment.FitFacts;

import java.time.ZoneId;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What lead-identify's services answer for a lead, in the tests of the models that run it. */
final class Identifications {

    private Identifications() {
    }

    /** Enrichment finds these facts of the lead. */
    static void enrichedAs(EnrichmentService enrichment, UUID lead, FitFacts facts) {
        Enrichment enriched = mock(Enrichment.class);
        when(enriched.fitFacts()).thenReturn(facts);
        when(enrichment.enrich(lead)).thenReturn(enriched);
    }

    /** Whichever the team, the lead goes to Ana, rep-1, her first task due in a day. */
    static void assignedToAna(AssignmentService assignments, UUID lead, ProcessTestEngine engine) {
        when(assignments.assign(eq(lead), anyString())).thenAnswer(call -> new Assignment("rep-1", "Ana Rep",
                "ana@example.com", engine.now().plusDays(1).atZoneSameInstant(ZoneId.of("America/Mexico_City"))));
    }
}
