package io.leadflow.enrichment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.leadflow.process.IdentifyProcess;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
public class EnrichLeadWorker {

    private final EnrichmentService enrichment;

    EnrichLeadWorker(EnrichmentService enrichment) {
        this.enrichment = enrichment;
    }

    @JobWorker(type = IdentifyProcess.ENRICH_LEAD)
    public IdentifyProcess.Enriched enrichLead(@VariablesAsType IdentifyProcess.Variables process) {
        FitFacts facts = enrichment.enrich(UUID.fromString(process.leadId())).fitFacts();
        return new IdentifyProcess.Enriched(new IdentifyProcess.FitFacts(facts.role(), facts.industry(), facts.employees(),
                facts.region(), facts.personalEmail(), facts.powerSignal(), facts.signalStrength(), facts.triggerFitsPersona()));
    }
}
