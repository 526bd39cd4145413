package io.leadflow.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.leadflow.ModelsTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.NodeList;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.leadflow.process.ProcessTestEngine.matchedRules;
import static io.leadflow.process.ProcessTestEngine.ruleIds;
import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;

/** lead-fit on the engine: one case per rule row, and every team of lead-assignment can receive MQLs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class LeadFitDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // Per class, not static: the ITs that read this table's cases start no engine.
    final ProcessTestEngine engine = ProcessTestEngine.deploying(List.of("lead-fit.dmn", "lead-assignment.dmn"));

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    /** A case of the table: {@code input}, the lead's facts, which the decision reads as the variable {@code facts}. */
    public record FitCase(String rule, Map<String, Object> input, String stage, int score, List<String> reasons) {
        @Override
        public String toString() {
            return rule;
        }
    }

    public static Stream<Arguments> fitCases() {
        return Stream.of(
                new FitCase("Rule_FitSignals_Industry", vars("role", "OTHER", "industry", "telecom"),
                        "LEAD", 20, List.of("Target industry: telecom")),
                new FitCase("Rule_FitSignals_Employees", vars("role", "OTHER", "employees", 200),
                        "LEAD", 35, List.of("200+ employees")),
                new FitCase("Rule_FitSignals_Region", vars("role", "OTHER", "region", "LATAM"),
                        "LEAD", 35, List.of("Region: LATAM")),
                new FitCase("Rule_FitSignals_PowerSignal", vars("role", "OTHER", "powerSignal", true),
                        "LEAD", 10, List.of("Power signals: activity, presence and biography")),
                new FitCase("Rule_FitSignals_PersonalEmail", vars("role", "OTHER", "personalEmail", true),
                        "LEAD", -20, List.of("Personal email domain")),
                new FitCase("Rule_FitSignals_RegionServed", vars("role", "OTHER", "region", "NA"),
                        "LEAD", 25, List.of("Region served: NA")),
                new FitCase("Rule_FitSignals_StrongSignals", vars("role", "OTHER", "signalStrength", 15),
                        "LEAD", 10, List.of("Strong, recent signals")),
                new FitCase("Rule_FitSignals_TriggerFitsPersona", vars("role", "OTHER", "triggerFitsPersona", true),
                        "LEAD", 10, List.of("Trigger event fits the persona")),
                new FitCase("Rule_LeadFit_RegionNotServed", vars("role", "CEO", "industry", "telecom", "employees", 5000,
                        "region", "APAC", "powerSignal", true), "DISQUALIFIED", 65, List.of("Target industry: telecom",
                        "200+ employees", "Power signals: activity, presence and biography", "Region not served: APAC")),
                new FitCase("Rule_BuyerRole_Student", vars("role", "STUDENT", "industry", "telecom", "employees", 500,
                        "region", "LATAM", "powerSignal", true), "DISQUALIFIED", 100, List.of(
                        "Target industry: telecom", "200+ employees", "Region: LATAM",
                        "Power signals: activity, presence and biography")),
                new FitCase("Rule_BuyerRole_DecisionMaker", vars("role", "CTO", "employees", 200, "region", "LATAM"),
                        "MQL", 70, List.of("200+ employees", "Region: LATAM")),
                new FitCase("Rule_BuyerRole_Influencer", vars("role", "MARKETING_ANALYST", "employees", 1000,
                        "region", "LATAM", "industry", "telecom"), "LEAD", 90,
                        List.of("Target industry: telecom", "200+ employees", "Region: LATAM")),
                new FitCase("Rule_BuyerRole_Other", vars("role", "OTHER", "employees", null, "region", null,
                        "industry", null, "personalEmail", false, "powerSignal", false), "LEAD", 0, List.of()),
                new FitCase("Rule_LeadFit_Disqualified", vars("role", "STUDENT"), "DISQUALIFIED", 0, List.of()),
                new FitCase("Rule_LeadFit_Mql", vars("role", "CEO", "industry", "telecom", "employees", 250,
                        "region", "LATAM", "powerSignal", true, "personalEmail", false), "MQL", 100, List.of(
                        "Target industry: telecom", "200+ employees", "Region: LATAM",
                        "Power signals: activity, presence and biography")),
                new FitCase("Rule_LeadFit_Lead", vars("role", "CMO", "employees", 199, "region", "LATAM",
                        "industry", "telecom", "personalEmail", true), "LEAD", 35,
                        List.of("Target industry: telecom", "Region: LATAM", "Personal email domain"))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fitCases")
    void leadFitRule(FitCase fitCase) throws Exception {
        EvaluateDecisionResponse response = engine.evaluate("lead-fit", vars("facts", fitCase.input()));
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> qualification = JSON.readValue(response.getDecisionOutput(), Map.class);
        assertThat(matchedRules(response)).as("matched rules").contains(fitCase.rule());
        assertThat(qualification).containsOnlyKeys("stage", "score", "reasons");
        assertThat(qualification.get("stage")).isEqualTo(fitCase.stage());
        assertThat(((Number) qualification.get("score")).intValue()).isEqualTo(fitCase.score());
        assertThat(qualification.get("reasons")).isEqualTo(fitCase.reasons());
    }

    @Test
    void leadFitCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        fitCases().forEach(arguments -> caseRules.add(((FitCase) arguments.get()[0]).rule()));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("lead-fit.dmn"));
    }

    /** A country of each region served, and the team lead-assignment gives it. */
    public static Stream<Arguments> regionsServed() {
        return Stream.of(Arguments.of("CO", "LATAM", "latam"), Arguments.of("US", "NA", "international"),
                Arguments.of("GB", "EMEA", "international"));
    }

    /**
     * The shipped fit rule lets a decision maker of a mid-sized company become an MQL in every region served, so each
     * team of lead-assignment gets MQLs, not only the target region's.
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("regionsServed")
    void everyTeamCanReceiveMqls(String country, String region, String team) throws Exception {
        Map<String, Object> lead = vars("country", country, "facts", vars("region", region, "role", "CEO", "industry", "retail",
                "employees", 250, "powerSignal", true, "personalEmail", false));
        assertThat(JSON.readTree(engine.evaluate("lead-fit", lead).getDecisionOutput()).get("stage").asText()).isEqualTo("MQL");
        assertThat(JSON.readValue(engine.evaluate("lead-assignment", lead).getDecisionOutput(), String.class)).isEqualTo(team);
    }

    /** A team added to lead-assignment needs a region served above, or it might never receive an MQL unnoticed. */
    @Test
    void theRegionsServedReachEveryTeamLeadAssignmentNames() throws Exception {
        Set<String> teams = new HashSet<>();
        NodeList outputs = ModelsTest.dom(ModelsTest.PROCESSES.resolve("lead-assignment.dmn"))
                .getElementsByTagNameNS(ModelsTest.DMN_NS, "outputEntry");
        for (int i = 0; i < outputs.getLength(); i++) {
            teams.add(outputs.item(i).getTextContent().strip().replace("\"", ""));
        }
        assertThat(regionsServed().map(arguments -> (String) arguments.get()[2])).containsAll(teams);
    }
}
