package io.leadflow.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.leadflow.process.ProcessTestEngine.matchedRules;
import static io.leadflow.process.ProcessTestEngine.ruleIds;
import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;

/** case-study on the engine: one case per rule row. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class CaseStudyDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // Per class, not static: the ITs that read this table's cases start no engine.
    final ProcessTestEngine engine = ProcessTestEngine.deploying(List.of("case-study.dmn"));

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    /** The rule, the buyer's industry and country, the case study's slug. */
    public static Stream<Arguments> caseStudyCases() {
        return Stream.of(
                Arguments.of("Rule_CaseStudy_Industry_Telecom", "telecom", "ES", "andesnet-telecom"),
                Arguments.of("Rule_CaseStudy_Industry_Banking", "banking", "MX", "banco-austral-banking"),
                Arguments.of("Rule_CaseStudy_Industry_Retail", "retail", null, "tiendas-sol-retail"),
                Arguments.of("Rule_CaseStudy_Industry_Software", "software", "CO", "nubo-software"),
                Arguments.of("Rule_CaseStudy_Country_Mexico", "mining", "MX", "monterrey-mx"),
                Arguments.of("Rule_CaseStudy_Country_Colombia", null, "CO", "bogota-co"),
                Arguments.of("Rule_CaseStudy_Country_Spain", "tourism", "ES", "madrid-es"),
                Arguments.of("Rule_CaseStudy_Default", null, "CL", "platzimetrics"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStudyCases")
    void caseStudyRule(String rule, String industry, String country, String slug) throws Exception {
        EvaluateDecisionResponse response = engine.evaluate("case-study", vars("industry", industry, "country", country));
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        assertThat(matchedRules(response)).containsExactly(rule);
        assertThat(JSON.readTree(response.getDecisionOutput()).get("caseStudyUrl").asText())
                .isEqualTo("https://leadflow.io/case-studies/" + slug);
    }

    @Test
    void caseStudyCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        caseStudyCases().forEach(arguments -> caseRules.add((String) arguments.get()[0]));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("case-study.dmn"));
    }
}
