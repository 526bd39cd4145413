package io.leadflow;

import io.leadflow.process.CaseStudyDecisionTest;
import io.leadflow.process.LeadAssignmentDecisionTest;
import io.leadflow.process.ProcessTestEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.process.RoutingJob;
import io.leadflow.scoring.DecideRoutingWorker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Every rule row of the routing decisions (lead-assignment, sequence-cadence, case-study) reaches the lead's history
 * with the decision's id, the version that decided and the row's annotation, in words.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingProvenanceIT extends LeadflowIntegrationTest {

    // No process definition leadflow deployed: the decision's latest version, leadflow's own.
    private static final long UNBOUND = -1;
    private static final Set<String> recordedRules = new HashSet<>();
    private static final List<String> ROUTING_DECISIONS = List.of("lead-assignment", "sequence-cadence", "case-study");

    @Autowired
    DecideRoutingWorker decideRouting;
    @Autowired
    Leads leads;
    @Autowired
    Timeline timeline;
    @Autowired
    CamundaClient client;

    record RoutingCase(String decision, String rule, Map<String, Object> input) {
        @Override
        public String toString() {
            return decision + " " + rule;
        }
    }

    static Stream<RoutingCase> routingCases() throws Exception {
        Stream<RoutingCase> teams = LeadAssignmentDecisionTest.assignmentCases()
                .map(arguments -> (LeadAssignmentDecisionTest.AssignmentCase) arguments.get()[0])
                .map(team -> new RoutingCase("lead-assignment", team.rule(), team.input()));
        Stream<RoutingCase> caseStudies = CaseStudyDecisionTest.caseStudyCases().map(arguments -> arguments.get())
                .map(study -> new RoutingCase("case-study", (String) study[0], ProcessTestEngine.vars("industry", study[1], "country", study[2])));
        // every row of the cadence is a step: each lead matches them all
        Stream<RoutingCase> cadence = ProcessTestEngine.ruleIds("sequence-cadence.dmn").stream()
                .map(step -> new RoutingCase("sequence-cadence", step, Map.of("leadType", "FORM_FILL")));
        return Stream.of(teams, caseStudies, cadence).flatMap(cases -> cases);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("routingCases")
    void eachRuleRowReachesTheHistoryWithItsVersionAndAnnotation(RoutingCase routing) throws Exception {
        UUID lead = leads.receive(LeadType.FORM_FILL, new LeadFacts(uniqueEmail("routing", "example.com"), null, "Routing", "Case",
                null, null, null, null, null, "CO", "America/Bogota", "es", "test", null), null).id();
        Map<String, Object> variables = new HashMap<>(routing.input());
        variables.put("leadId", lead.toString());
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getProcessDefinitionKey()).thenReturn(UNBOUND);
        when(job.getVariablesAsMap()).thenReturn(variables);
        when(job.getCustomHeaders()).thenReturn(Map.of(RoutingJob.DECISION_HEADER, routing.decision(),
                RoutingJob.RESULT_VARIABLE_HEADER, "routed"));
        when(job.getBpmnProcessId()).thenReturn("lead-identify");
        when(job.getProcessDefinitionVersion()).thenReturn(1);

        Map<String, Object> result = decideRouting.decideRouting(job, new RoutingJob.Variables(lead.toString(), null));

        Map<String, Object> routed = timeline.of(lead).stream().filter(entry -> entry.type().equals("ROUTED")).findFirst()
                .orElseThrow().details();
        assertThat(routed).containsEntry("decisionId", routing.decision())
                .containsEntry("decisionVersion", latestVersion(routing.decision(), routing.input()))
                .containsEntry("model", "lead-identify v1");
        assertThat(routed.get("rules")).asList().contains(routing.rule());
        String annotation = ProcessTestEngine.annotations(routing.decision() + ".dmn").get(routing.rule());
        assertThat((String) routed.get("decision")).startsWith(routing.decision() + " v")
                .contains(annotation == null ? routing.rule() : routing.rule() + " (" + annotation + ")");
        assertThat(result).containsOnlyKeys("routed");
        recordedRules.add(routing.rule());
    }

    @Order(2)
    @Test
    void everyRuleRowWasRecorded() throws Exception {
        for (String decision : ROUTING_DECISIONS) {
            assertThat(recordedRules).as(decision).containsAll(ProcessTestEngine.ruleIds(decision + ".dmn"));
        }
    }

    /** An instance started on a model deployed before the headers named its decision in an input and read routing. */
    @Order(3)
    @Test
    void aTaskOfAModelDeployedBeforeTheHeadersStillRoutes() throws Exception {
        UUID lead = leads.receive(LeadType.FORM_FILL, new LeadFacts(uniqueEmail("routing", "example.com"), null, "Routing", "Earlier",
                null, null, null, null, null, "CO", "America/Bogota", "es", "test", null), null).id();
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getProcessDefinitionKey()).thenReturn(UNBOUND);
        when(job.getVariablesAsMap()).thenReturn(Map.of("leadId", lead.toString(), "decision", "sequence-cadence", "leadType", "FORM_FILL"));
        when(job.getCustomHeaders()).thenReturn(Map.of());
        when(job.getBpmnProcessId()).thenReturn("lead-sequence");
        when(job.getProcessDefinitionVersion()).thenReturn(1);

        Map<String, Object> result = decideRouting.decideRouting(job, new RoutingJob.Variables(lead.toString(), "sequence-cadence"));

        assertThat(result).containsOnlyKeys("routing");
        assertThat(result.get("routing")).asList().hasSameSizeAs(ProcessTestEngine.ruleIds("sequence-cadence.dmn"));
    }

    private int latestVersion(String decision, Map<String, Object> input) {
        return client.newEvaluateDecisionCommand().decisionId(decision).variables(input).send().join().getDecisionVersion();
    }
}
