package io.leadflow.enrichment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

@Component
public class EnrichLeadWorker {

    private final EnrichmentService enrichment;

    EnrichLeadWorker(EnrichmentService enrichment) {
        this.enrichment = enrichment;
    }

    @JobWorker(type = "enrich-lead")
    public Map<String, Object> enrichLead(@Variable String leadId) {
        return enrichment.enrich(UUID.fromString(leadId)).decisionVariables();
    }
}
