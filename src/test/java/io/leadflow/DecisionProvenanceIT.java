package io.leadflow;

import io.leadflow.process.LeadFitDecisionTest;
import io.leadflow.process.ProcessTestEngine;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.Timeline;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.scoring.DecideFitWorker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Every rule row of lead-fit.dmn reaches the lead's history with the version that decided it and its annotation; and the
 * version bound to the identify model is the one that decides and is recorded, even after a newer lead-fit is deployed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecisionProvenanceIT extends LeadflowIntegrationTest {

    // No process definition leadflow deployed: the decision's latest version, which is leadflow's own until the last test.
    private static final long UNBOUND = -1;
    private static final Set<String> recordedRules = new HashSet<>();

    @Autowired
    DecideFitWorker decideFit;
    @Autowired
    Leads leads;
    @Autowired
    Timeline timeline;
    @Autowired
    CamundaClient client;

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.leadflow.process.LeadFitDecisionTest#fitCases")
    void eachRuleRowReachesTheHistoryWithItsVersionAndAnnotation(LeadFitDecisionTest.FitCase fitCase) throws Exception {
        UUID lead = leads.receive(LeadType.FORM_FILL, new LeadFacts(uniqueEmail("fit", "example.com"), null, "Fit", "Case",
                null, null, null, null, null, "CO", "America/Bogota", "es", "test", null), null).id();
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getProcessDefinitionKey()).thenReturn(UNBOUND);
        when(job.getBpmnProcessId()).thenReturn(IdentifyProcess.ID);
        when(job.getProcessDefinitionVersion()).thenReturn(1);
        int latest = latestFitVersion();

        IdentifyProcess.FitDecided decided = decideFit.decideFit(job, new IdentifyProcess.FitInputs(lead.toString(),
                json.convertValue(fitCase.input(), IdentifyProcess.FitFacts.class)));

        Timeline.Entry qualified = timeline.of(lead).stream().filter(entry -> entry.type().equals("QUALIFIED")).findFirst().orElseThrow();
        assertThat(qualified.details().get("rules")).asList().contains(fitCase.rule());
        assertThat(qualified.details().get("decisionVersion")).isEqualTo(latest);
        String annotation = ProcessTestEngine.annotations("lead-fit.dmn").get(fitCase.rule());
        String words = (String) qualified.details().get("decision");
        assertThat(words).startsWith("lead-fit v" + latest);
        if (words.contains(fitCase.rule())) {
            // a row of lead-fit itself (not of a decision it requires) is named in words, with its annotation
            assertThat(words).contains(annotation == null ? fitCase.rule() : fitCase.rule() + " (" + annotation + ")");
        }
        if (!decided.qualification().stage().name().equals("LEAD")) {
            RuleDecision decision = leads.stagesOf(lead).getLast().decision();
            assertThat(decision.version()).isEqualTo(latest);
            assertThat(decision.rules()).filteredOn(r -> r.ruleId().equals(fitCase.rule())).singleElement()
                    .extracting(RuleDecision.Rule::annotation).isEqualTo(annotation);
        }
        recordedRules.add(fitCase.rule());
    }

    @Order(2)
    @Test
    void everyRuleRowWasRecorded() throws Exception {
        assertThat(recordedRules).containsExactlyInAnyOrderElementsOf(ProcessTestEngine.ruleIds("lead-fit.dmn"));
    }

    @Order(3)
    @Test
    void theVersionDeployedWithTheModelDecidesAndIsRecordedAfterANewerOneIsDeployed() throws Exception {
        int deployedWithTheModels = latestFitVersion();
        String changed = Files.readString(Path.of("processes/lead-fit.dmn"))
                .replace("A decision maker with a fit score of 70 or more", "A decision maker (edited) with a fit score of 70 or more");
        int newer = client.newDeployResourceCommand().addResourceStringUtf8(changed, "lead-fit.dmn").send().join()
                .getDecisions().stream().filter(d -> d.getDmnDecisionId().equals("lead-fit")).findFirst().orElseThrow().getVersion();
        assertThat(newer).isGreaterThan(deployedWithTheModels);

        UUID id = postLead(mqlLead("Bound"));
        JsonNode lead = awaitLead(id, l -> l.get("stages").size() > 1);
        JsonNode mql = lead.at("/stages/1");
        assertThat(mql.get("stage").asText()).isEqualTo("MQL");
        assertThat(mql.at("/decision/decisionId").asText()).isEqualTo("lead-fit");
        assertThat(mql.at("/decision/version").asInt()).isEqualTo(deployedWithTheModels);
        assertThat(mql.get("decidedBy").asText()).isEqualTo("lead-fit v" + deployedWithTheModels
                + ", rule Rule_LeadFit_Mql (A decision maker with a fit score of 70 or more is marketing qualified)");
        assertThat(mql.get("model").asText()).startsWith("lead-identify v");
    }

    private int latestFitVersion() {
        return client.newEvaluateDecisionCommand().decisionId(IdentifyProcess.FIT_DECISION).variables(Map.of("role", "OTHER")).send().join()
                .getDecisionVersion();
    }
}
