package io.leadflow.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.leadflow.ModelsTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.leadflow.process.ProcessTestEngine.matchedRules;
import static io.leadflow.process.ProcessTestEngine.ruleIds;
import static io.leadflow.process.ProcessTestEngine.vars;
import static org.assertj.core.api.Assertions.assertThat;

/** lead-assignment on the engine: one case per rule row, and a table edited and deployed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class LeadAssignmentDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // Per class, not static: the ITs that read this table's cases start no engine.
    final ProcessTestEngine engine = ProcessTestEngine.deploying(List.of("lead-assignment.dmn"));

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    public record AssignmentCase(String why, String rule, Map<String, Object> input, String team) {
        @Override
        public String toString() {
            return rule + ": " + why;
        }
    }

    public static Stream<Arguments> assignmentCases() {
        return Stream.of(
                new AssignmentCase("a large telecom in Colombia", "Rule_LeadAssignment_Latam",
                        vars("country", "CO", "facts", vars("region", "LATAM", "industry", "telecom", "employees", 5000)), "latam"),
                new AssignmentCase("a large telecom in Spain", "Rule_LeadAssignment_NorthAmericaAndEurope",
                        vars("country", "ES", "facts", vars("region", "EMEA", "industry", "telecom", "employees", 5000)), "international"),
                new AssignmentCase("a telecom of 1,000 in South Africa", "Rule_LeadAssignment_LargeTelecom",
                        vars("country", "ZA", "facts", vars("region", null, "industry", "telecom", "employees", 1000)), "international"),
                new AssignmentCase("a telecom of 999 in South Africa", "Rule_LeadAssignment_Default",
                        vars("country", "ZA", "facts", vars("region", null, "industry", "telecom", "employees", 999)), "latam"),
                new AssignmentCase("a company visit nothing is known of", "Rule_LeadAssignment_Default",
                        vars("country", null), "latam")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignmentCases")
    void leadAssignmentRule(AssignmentCase assignmentCase) throws Exception {
        EvaluateDecisionResponse response = engine.evaluate("lead-assignment", assignmentCase.input());
        assertThat(response.getFailureMessage()).isNullOrEmpty();
        assertThat(matchedRules(response)).containsExactly(assignmentCase.rule());
        assertThat(JSON.readValue(response.getDecisionOutput(), String.class)).isEqualTo(assignmentCase.team());
    }

    @Test
    void leadAssignmentCasesHitEveryRuleRow() throws Exception {
        Set<String> caseRules = new HashSet<>();
        assignmentCases().forEach(arguments -> caseRules.add(((AssignmentCase) arguments.get()[0]).rule()));
        assertThat(caseRules).containsExactlyInAnyOrderElementsOf(ruleIds("lead-assignment.dmn"));
    }

    /** Sales ops lower the size of a large telecom in a copy of the table and deploy it: the team changes, no code does. */
    @Test
    void anEditedCopyOfTheAssignmentTableDeployedChangesTheTeam(@TempDir Path edits) throws Exception {
        Map<String, Object> telecomOf600 = vars("country", "ZA", "facts", vars("industry", "telecom", "employees", 600));
        assertThat(team(telecomOf600)).isEqualTo("latam");

        String table = Files.readString(ModelsTest.PROCESSES.resolve("lead-assignment.dmn"));
        String threshold = "<text>&gt;= 1000</text>";
        assertThat(table.indexOf(threshold)).as("one employees threshold").isNotNegative().isEqualTo(table.lastIndexOf(threshold));
        Path copy = Files.writeString(edits.resolve("lead-assignment.dmn"), table.replace(threshold, "<text>&gt;= 500</text>"));
        try {
            engine.client().newDeployResourceCommand().addResourceFile(copy.toString()).send().join();
            assertThat(team(telecomOf600)).isEqualTo("international");
        } finally {
            engine.client().newDeployResourceCommand().addResourceFromClasspath("processes/lead-assignment.dmn").send().join();
        }
        assertThat(team(telecomOf600)).isEqualTo("latam");
    }

    private String team(Map<String, Object> lead) throws Exception {
        return JSON.readValue(engine.evaluate("lead-assignment", lead).getDecisionOutput(), String.class);
    }
}
