package io.leadflow.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.request.IncidentSearchRequest;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.Variable;
import io.leadflow.engine.Incidents;
import io.leadflow.engine.ProcessModels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A Camunda 8 cluster's open incidents, from the Orchestration Cluster REST API's incident search (what Operate shows),
 * each with the lead of its instance from the variable search: two requests per listing.
 */
public final class ClusterIncidents implements Incidents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamundaClient client;
    private final ProcessModels models;

    public ClusterIncidents(CamundaClient client, ProcessModels models) {
        this.client = client;
        this.models = models;
    }

    @Override
    public Open open() {
        SearchResponse<io.camunda.client.api.search.response.Incident> found = search(request -> request
                .sort(sort -> sort.creationTime().asc())
                .page(page -> page.limit(LISTED)));
        Long total = found.page() == null ? null : found.page().totalItems();
        List<Incident> incidents = withLeads(found.items());
        return new Open(total == null ? incidents.size() : total, incidents);
    }

    @Override
    public Optional<Incident> find(long incidentKey) {
        return withLeads(search(request -> request.filter(filter -> filter.state(IncidentState.ACTIVE).incidentKey(incidentKey))).items())
                .stream().findFirst();
    }

    private SearchResponse<io.camunda.client.api.search.response.Incident> search(UnaryOperator<IncidentSearchRequest> refine) {
        return refine.apply(client.newIncidentSearchRequest().filter(filter -> filter.state(IncidentState.ACTIVE))).send().join();
    }

    private List<Incident> withLeads(List<io.camunda.client.api.search.response.Incident> found) {
        Map<Long, String> leads = leadsOf(found.stream().map(io.camunda.client.api.search.response.Incident::getProcessInstanceKey)
                .filter(Objects::nonNull).distinct().toList());
        return found.stream().map(i -> new Incident(i.getIncidentKey(), i.getProcessDefinitionId(), i.getElementId(),
                        models.elementName(i.getProcessDefinitionId(), i.getElementId()), i.getProcessInstanceKey(), i.getJobKey(),
                        leads.get(i.getProcessInstanceKey()), i.getErrorType() == null ? null : i.getErrorType().name(),
                        i.getErrorMessage(), i.getCreationTime() == null ? null : i.getCreationTime().toInstant()))
                .toList();
    }

    /** The leadId variable of each instance (a called process gets it from its parent, as its own variable). */
    private Map<Long, String> leadsOf(List<Long> processInstanceKeys) {
        if (processInstanceKeys.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> leads = new HashMap<>();
        client.newVariableSearchRequest()
                .filter(filter -> filter.name(ProcessRecordDecoder.LEAD_VARIABLE).processInstanceKey(key -> key.in(processInstanceKeys)))
                .page(page -> page.limit(LISTED))
                .send().join().items().stream()
                .filter(variable -> Objects.equals(variable.getScopeKey(), variable.getProcessInstanceKey()))
                .forEach(variable -> leads.putIfAbsent(variable.getProcessInstanceKey(), text(variable)));
        return leads;
    }

    /** A variable's value is JSON: the lead's id is a JSON string. */
    private static String text(Variable variable) {
        try {
            return JSON.readValue(variable.getValue(), String.class);
        } catch (JsonProcessingException e) {
            return variable.getValue();
        }
    }
}
