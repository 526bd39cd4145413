package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Definitions;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Static checks of the executable models in processes/: they parse, validate and open in the Modeler as drawn. */
public class ModelsTest {

    public static final Path PROCESSES = Path.of("processes");
    static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
    public static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    static Set<String> formIds;
    static Set<String> decisionIds;
    static Set<String> processIds;

    @BeforeAll
    static void collectTargets() throws Exception {
        ObjectMapper json = new ObjectMapper();
        formIds = new HashSet<>();
        for (Path form : files(".form")) {
            JsonNode node = json.readTree(form.toFile());
            assertThat(node.path("executionPlatform").asText()).as(form + " executionPlatform").isEqualTo("Camunda Cloud");
            assertThat(node.path("executionPlatformVersion").asText()).as(form + " executionPlatformVersion").isEqualTo("8.8.0");
            assertThat(node.path("schemaVersion").isInt()).as(form + " schemaVersion").isTrue();
            String id = node.path("id").asText();
            assertThat(form.getFileName().toString()).as("form file named after its id").isEqualTo(id + ".form");
            assertThat(formIds.add(id)).as("unique form id " + id).isTrue();
        }
        decisionIds = new HashSet<>();
        for (Path dmn : files(".dmn")) {
            NodeList decisions = dom(dmn).getElementsByTagNameNS(DMN_NS, "decision");
            for (int i = 0; i < decisions.getLength(); i++) {
                decisionIds.add(((Element) decisions.item(i)).getAttribute("id"));
            }
        }
        processIds = new HashSet<>();
        for (Path bpmn : files(".bpmn")) {
            read(bpmn).getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId()));
        }
    }

    public static List<Path> files(String extension) throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }

    static List<Path> bpmnFiles() throws IOException {
        return files(".bpmn");
    }

    static List<Path> dmnFiles() throws IOException {
        return files(".dmn");
    }

    static BpmnModelInstance read(Path bpmn) throws IOException {
        try (InputStream in = Files.newInputStream(bpmn)) {
            return Bpmn.readModelFromStream(in);
        }
    }

    public static Document dom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void allModelsArePresent() throws IOException {
        assertThat(bpmnFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("lead-advise.bpmn", "lead-explore.bpmn", "lead-identify.bpmn", "lead-journey.bpmn",
                        "lead-nurture.bpmn", "lead-sequence.bpmn");
        assertThat(dmnFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("case-study.dmn", "lead-assignment.dmn", "lead-fit.dmn", "sequence-cadence.dmn");
        assertThat(formIds).containsExactlyInAnyOrder("call-outcome", "social-touch", "research-contacts", "qualify-lead",
                "find-who-signs", "proposal", "deal-outcome", "sla-breach");
        assertThat(processIds).containsExactlyInAnyOrder("lead-journey", "lead-identify", "lead-sequence", "lead-explore",
                "lead-advise", "lead-nurture");
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void bpmnIsValidForZeebe(Path bpmn) throws IOException {
        BpmnModelInstance model = read(bpmn);
        Bpmn.validateModel(model);
        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.isExecutable()).as(process.getId() + " is executable").isTrue();
            assertThat(process.getName()).as(process.getId() + " is named").isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void bpmnTargetsCamunda88(Path bpmn) throws IOException {
        Definitions definitions = read(bpmn).getDefinitions();
        assertThat(definitions.getAttributeValueNs(MODELER_NS, "executionPlatform")).isEqualTo("Camunda Cloud");
        assertThat(definitions.getAttributeValueNs(MODELER_NS, "executionPlatformVersion")).isEqualTo("8.8.0");
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyFlowNodeIsNamedAndDrawn(Path bpmn) throws IOException {
        BpmnModelInstance model = read(bpmn);
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("shape of " + node.getId()).contains(node.getId());
            assertThat(node.getName()).as("name of " + node.getId()).isNotBlank();
        }
        Set<String> edges = new HashSet<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            assertThat(edge.getWaypoints()).as("waypoints of " + edge.getId()).hasSizeGreaterThanOrEqualTo(2);
            edges.add(edge.getBpmnElement().getId());
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("edge of " + flow.getId()).contains(flow.getId());
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void userTasksAreJobWorkerTasksWithAssigneeAndForm(Path bpmn) throws IOException {
        for (UserTask task : read(bpmn).getModelElementsByType(UserTask.class)) {
            assertThat(extension(task, ZeebeUserTask.class)).as(task.getId() + " is job-worker based").isNull();
            ZeebeAssignmentDefinition assignment = extension(task, ZeebeAssignmentDefinition.class);
            assertThat(assignment).as(task.getId() + " assignment").isNotNull();
            // a rep's task goes to the lead's owner; an escalation to the owner's manager
            assertThat(assignment.getAssignee()).as(task.getId() + " assignee").isIn("=owner", "=manager");
            ZeebeFormDefinition form = extension(task, ZeebeFormDefinition.class);
            assertThat(form).as(task.getId() + " form").isNotNull();
            assertThat(formIds).as(task.getId() + " form id").contains(form.getFormId());
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void calledDecisionsAndProcessesExist(Path bpmn) throws IOException {
        BpmnModelInstance model = read(bpmn);
        for (ZeebeCalledDecision decision : model.getModelElementsByType(ZeebeCalledDecision.class)) {
            assertThat(decisionIds).as("decision called in " + bpmn).contains(decision.getDecisionId());
        }
        for (ZeebeCalledElement called : model.getModelElementsByType(ZeebeCalledElement.class)) {
            assertThat(processIds).as("process called in " + bpmn).contains(called.getProcessId());
        }
        for (ZeebeFormDefinition form : model.getModelElementsByType(ZeebeFormDefinition.class)) {
            assertThat(formIds).as("form linked in " + bpmn).contains(form.getFormId());
        }
    }

    @ParameterizedTest
    @MethodSource("dmnFiles")
    void dmnTargetsCamunda88AndIsDrawn(Path dmn) throws Exception {
        Element definitions = dom(dmn).getDocumentElement();
        assertThat(definitions.getNamespaceURI()).isEqualTo(DMN_NS);
        assertThat(definitions.getAttributeNS(MODELER_NS, "executionPlatform")).isEqualTo("Camunda Cloud");
        assertThat(definitions.getAttributeNS(MODELER_NS, "executionPlatformVersion")).isEqualTo("8.8.0");
        Set<String> shapes = refs(definitions, "DMNShape");
        Set<String> edges = refs(definitions, "DMNEdge");
        NodeList decisions = definitions.getElementsByTagNameNS(DMN_NS, "decision");
        for (int i = 0; i < decisions.getLength(); i++) {
            Element decision = (Element) decisions.item(i);
            assertThat(decision.getAttribute("name")).as("name of " + decision.getAttribute("id")).isNotBlank();
            assertThat(shapes).as("shape of " + decision.getAttribute("id")).contains(decision.getAttribute("id"));
        }
        NodeList requirements = definitions.getElementsByTagNameNS(DMN_NS, "informationRequirement");
        for (int i = 0; i < requirements.getLength(); i++) {
            String id = ((Element) requirements.item(i)).getAttribute("id");
            assertThat(edges).as("edge of " + id).contains(id);
        }
    }

    private static Set<String> refs(Element definitions, String diElement) {
        Set<String> refs = new HashSet<>();
        NodeList nodes = definitions.getElementsByTagNameNS(DMNDI_NS, diElement);
        for (int i = 0; i < nodes.getLength(); i++) {
            refs.add(((Element) nodes.item(i)).getAttribute("dmnElementRef"));
        }
        return refs;
    }

    private static <T extends io.camunda.zeebe.model.bpmn.instance.BpmnModelElementInstance> T extension(
            BaseElement element, Class<T> type) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getChildElementsByType(type).stream().findFirst().orElse(null);
    }
}
