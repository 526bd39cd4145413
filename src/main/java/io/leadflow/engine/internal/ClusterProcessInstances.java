package io.leadflow.engine.internal;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.SearchResponsePage;
import io.leadflow.engine.ProcessInstances;
import io.leadflow.engine.ProcessModels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The process view of a Camunda 8 cluster, from its Orchestration Cluster REST API's searches (what Operate shows): the
 * active element instances, oldest first, a page at a time; then per process the count of its active instances and
 * of its open incidents, read from each search's total.
 */
public final class ClusterProcessInstances implements ProcessInstances {

    /** Element instances per page of the search. */
    static final int PAGE = 1_000;
    /** Pages read at most: the oldest 50,000 waiting element instances are counted. */
    static final int PAGES = 50;

    // The instance itself, and the containers a lead waits inside of, not at (as the embedded engine's view).
    private static final Set<ElementInstanceType> NOT_WAITING_AT = Set.of(ElementInstanceType.PROCESS,
            ElementInstanceType.SUB_PROCESS, ElementInstanceType.EVENT_SUB_PROCESS, ElementInstanceType.MULTI_INSTANCE_BODY,
            ElementInstanceType.AD_HOC_SUB_PROCESS, ElementInstanceType.AD_HOC_SUB_PROCESS_INNER_INSTANCE);

    private static final String LEAD_ID = "leadId";

    private final CamundaClient client;
    private final ProcessModels models;

    public ClusterProcessInstances(CamundaClient client, ProcessModels models) {
        this.client = client;
        this.models = models;
    }

    @Override
    public List<ProcessWaiting> processes() {
        Map<String, List<ElementWaiting>> elements = waitingElements();
        Set<String> processIds = WaitingProcesses.processIds(models, elements, Set.of());
        return WaitingProcesses.of(models, elements,
                countPerProcess(processIds, id -> client.newProcessInstanceSearchRequest()
                        .filter(filter -> filter.processDefinitionId(id).state(ProcessInstanceState.ACTIVE))
                        .page(page -> page.limit(1)).send().join()),
                countPerProcess(processIds, id -> client.newIncidentSearchRequest()
                        .filter(filter -> filter.processDefinitionId(id).state(IncidentState.ACTIVE))
                        .page(page -> page.limit(1)).send().join()));
    }

    /** Per process, its elements with instances waiting: how many and since when, the oldest first. */
    private Map<String, List<ElementWaiting>> waitingElements() {
        Map<String, Map<String, List<ElementInstance>>> byElement = new LinkedHashMap<>();
        String after = null;
        for (int read = 0; read < PAGES; read++) {
            String cursor = after;
            SearchResponse<ElementInstance> found = client.newElementInstanceSearchRequest()
                    .filter(filter -> filter.state(ElementInstanceState.ACTIVE))
                    .sort(sort -> sort.startDate().asc())
                    .page(page -> {
                        page.limit(PAGE);
                        if (cursor != null) {
                            page.after(cursor);
                        }
                    })
                    .send().join();
            found.items().stream().filter(instance -> !NOT_WAITING_AT.contains(instance.getType()))
                    .forEach(instance -> byElement.computeIfAbsent(instance.getProcessDefinitionId(), id -> new LinkedHashMap<>())
                            .computeIfAbsent(instance.getElementId(), id -> new ArrayList<>()).add(instance));
            after = found.page() == null ? null : found.page().endCursor();
            if (found.items().size() < PAGE || after == null) {
                break;
            }
        }
        Map<String, List<ElementWaiting>> elements = new LinkedHashMap<>();
        byElement.forEach((processId, atElements) -> elements.put(processId, atElements.values().stream()
                .map(waiting -> waitingAt(processId, waiting)).toList()));
        return elements;
    }

    @Override
    public List<LeadWaiting> leadsWaitingAt(String bpmnProcessId, String elementId, int limit) {
        List<ElementInstance> waiting = client.newElementInstanceSearchRequest()
                .filter(filter -> filter.processDefinitionId(bpmnProcessId).elementId(elementId).state(ElementInstanceState.ACTIVE))
                .sort(sort -> sort.startDate().asc())
                .page(page -> page.limit(limit))
                .send().join().items();
        List<LeadWaiting> leads = new ArrayList<>();
        for (ElementInstance instance : waiting) {
            // Every leadflow process carries its lead's id as a variable of the instance.
            client.newVariableSearchRequest()
                    .filter(filter -> filter.processInstanceKey(instance.getProcessInstanceKey()).name(LEAD_ID))
                    .page(page -> page.limit(1))
                    .send().join().items().stream().findFirst()
                    .ifPresent(leadId -> leads.add(new LeadWaiting(leadId.getValue().replace("\"", ""),
                            instance.getStartDate() == null ? null : instance.getStartDate().toInstant())));
        }
        return leads;
    }

    /** Instances waiting at one element, oldest first (the search's order). */
    private ElementWaiting waitingAt(String processId, List<ElementInstance> waiting) {
        ElementInstance oldest = waiting.get(0);
        Instant since = oldest.getStartDate() == null ? null : oldest.getStartDate().toInstant();
        return new ElementWaiting(oldest.getElementId(), models.elementName(processId, oldest.getElementId()),
                oldest.getType().name(), waiting.size(), since);
    }

    private static Map<String, Long> countPerProcess(Set<String> processIds, Function<String, SearchResponse<?>> search) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String processId : processIds) {
            SearchResponsePage page = search.apply(processId).page();
            counts.put(processId, page == null || page.totalItems() == null ? 0L : page.totalItems());
        }
        return counts;
    }

    /** Always asks the engine: a search answers from the cluster's secondary storage, which lags behind it. */
    @Override
    public boolean shownLive(long processInstanceKey) {
        return false;
    }
}
