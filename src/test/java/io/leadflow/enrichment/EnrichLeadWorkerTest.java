package io.leadflow.enrichment;

import io.leadflow.process.IdentifyProcess;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** lead-identify gets every fact of an enrichment its decisions read, as one variable, by the names the model reads. */
class EnrichLeadWorkerTest {

    private static final UUID LEAD = UUID.fromString("7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");

    @Test
    void theModelGetsEveryFactTheDecisionsRead() {
        EnrichmentService enrichment = mock(EnrichmentService.class);
        Enrichment enriched = mock(Enrichment.class);
        when(enriched.fitFacts()).thenReturn(new FitFacts("CEO", "telecom", 400, "LATAM", true, true, 3, false));
        when(enrichment.enrich(LEAD)).thenReturn(enriched);

        assertThat(new EnrichLeadWorker(enrichment).enrichLead(new IdentifyProcess.Variables(LEAD.toString(), "FORM_FILL", "MX",
                "America/Mexico_City", "es", true, null, null, null, null)))
                .isEqualTo(new IdentifyProcess.Enriched(new IdentifyProcess.FitFacts("CEO", "telecom", 400, "LATAM", true, true, 3, false)));
    }

    /** A replay hands the model an enrichment's facts as they are, by their names: they are the model's. */
    @Test
    void theFactsHaveTheNamesTheModelReads() {
        assertThat(names(FitFacts.class)).containsExactly(names(IdentifyProcess.FitFacts.class));
    }

    private static String[] names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
    }
}
