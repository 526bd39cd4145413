package io.leadflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.protocol.Protocol;
import io.leadflow.assignment.SlaEscalation;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The element templates in .camunda/element-templates/, which sales ops pick in Camunda Modeler, and the job workers
 * agree: a template names the job of exactly one worker and sets only inputs that worker reads, every job of a task
 * has a template (a new worker without one fails here), and a template applied to a task of the models sets what
 * the task has now.
 */
class ElementTemplatesTest {

    private static final Path TEMPLATES = Path.of(".camunda/element-templates");
    private static final Path PROCESSES = Path.of("processes");
    private static final String SCHEMA = "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json";

    /** A template file, read. */
    record Template(Path file, JsonNode json) {

        List<JsonNode> properties() {
            return StreamSupport.stream(json.path("properties").spliterator(), false).toList();
        }

        List<JsonNode> bound(String bindingType) {
            return properties().stream().filter(p -> p.path("binding").path("type").asText().equals(bindingType)).toList();
        }

        String taskDefinition(String property) {
            List<JsonNode> bound = bound("zeebe:taskDefinition").stream()
                    .filter(p -> p.path("binding").path("property").asText().equals(property)).toList();
            assertThat(bound).as("%s: one taskDefinition %s", file, property).hasSize(1);
            assertThat(bound.get(0).path("type").asText()).as("%s: the taskDefinition %s is hidden", file, property)
                    .isEqualTo("Hidden");
            return bound.get(0).path("value").asText();
        }

        String type() {
            return taskDefinition("type");
        }

        /** The input properties by the variable they set. */
        Map<String, JsonNode> inputs() {
            return bound("zeebe:input").stream().collect(Collectors.toMap(
                    p -> p.path("binding").path("name").asText(), p -> p, (a, b) -> a, TreeMap::new));
        }

        /** The task header properties by their key. */
        Map<String, JsonNode> headers() {
            return bound("zeebe:taskHeader").stream().collect(Collectors.toMap(
                    p -> p.path("binding").path("key").asText(), p -> p, (a, b) -> a, TreeMap::new));
        }

        /** The output properties by the expression they map. */
        Map<String, JsonNode> outputs() {
            return bound("zeebe:output").stream().collect(Collectors.toMap(
                    p -> p.path("binding").path("source").asText(), p -> p, (a, b) -> a, TreeMap::new));
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /** A {@code @JobWorker} method. */
    record Worker(Method method) {

        /** The record of the process variables the worker reads: its {@code @VariablesAsType} parameter's type. */
        Class<?> variables() {
            return Arrays.stream(method.getParameters()).filter(p -> p.isAnnotationPresent(VariablesAsType.class))
                    .map(Parameter::getType).findFirst()
                    .orElseThrow(() -> new AssertionError(method + " reads no @VariablesAsType record"));
        }

        /** The variables the job returns. */
        Set<String> results() {
            return method.getReturnType().isRecord() ? componentNames(method.getReturnType()) : Set.of();
        }

        @Override
        public String toString() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }
    }

    /** A task of a model that runs a job. */
    record ModelTask(Path file, BaseElement element, ZeebeTaskDefinition definition) {

        @Override
        public String toString() {
            return file.getFileName() + " " + element.getId();
        }
    }

    static List<Template> templates;
    static Map<String, List<Worker>> workersByType;
    static List<ModelTask> modelTasks;
    static Set<String> listenerTypes;

    @BeforeAll
    static void read() throws Exception {
        ObjectMapper json = new ObjectMapper();
        templates = new ArrayList<>();
        for (Path file : files(TEMPLATES, ".json")) {
            templates.add(new Template(file, json.readTree(file.toFile())));
        }

        workersByType = new TreeMap<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        for (BeanDefinition component : scanner.findCandidateComponents("io.leadflow")) {
            for (Method method : Class.forName(component.getBeanClassName()).getDeclaredMethods()) {
                JobWorker worker = method.getAnnotation(JobWorker.class);
                if (worker != null) {
                    workersByType.computeIfAbsent(worker.type(), type -> new ArrayList<>()).add(new Worker(method));
                }
            }
        }

        modelTasks = new ArrayList<>();
        listenerTypes = new TreeSet<>();
        for (Path file : files(PROCESSES, ".bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            for (ZeebeTaskDefinition definition : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
                modelTasks.add(new ModelTask(file, (BaseElement) definition.getParentElement().getParentElement(), definition));
            }
            model.getModelElementsByType(ZeebeExecutionListener.class).forEach(l -> listenerTypes.add(l.getType()));
            model.getModelElementsByType(ZeebeTaskListener.class).forEach(l -> listenerTypes.add(l.getType()));
        }
        assertThat(templates).as("templates in %s", TEMPLATES).isNotEmpty();
        assertThat(workersByType).as("job workers on the class path").isNotEmpty();
        assertThat(modelTasks).as("tasks with a job in %s", PROCESSES).isNotEmpty();
    }

    @Test
    void everyTemplateIsAServiceTaskTemplateNamedAfterItsJob() {
        assertThat(templates).allSatisfy(template -> {
            JsonNode json = template.json();
            String type = template.type();
            assertThat(json.path("$schema").asText()).as("%s $schema", template.file()).isEqualTo(SCHEMA);
            assertThat(json.path("name").asText()).as("%s name", template.file()).isNotBlank();
            assertThat(json.path("description").asText()).as("%s description", template.file()).isNotBlank();
            assertThat(json.path("id").asText()).as("%s id", template.file()).isEqualTo("io.leadflow." + type);
            assertThat(template.file().getFileName()).as("%s is named after its job", template.file()).hasToString(type + ".json");
            assertThat(json.path("version").isInt()).as("%s version", template.file()).isTrue();
            assertThat(json.path("appliesTo").toString()).as("%s appliesTo", template.file()).isEqualTo("[\"bpmn:Task\"]");
            assertThat(json.path("elementType").path("value").asText()).as("%s elementType", template.file())
                    .isEqualTo("bpmn:ServiceTask");
            assertThat(json.path("category").path("id").asText()).as("%s category", template.file()).isEqualTo("leadflow");
            assertThat(template.properties()).as("%s: every property is bound", template.file())
                    .allSatisfy(property -> assertThat(property.path("binding").path("type").asText()).isNotBlank());
            // the Modeler keeps one value per binding
            assertThat(template.properties().stream().map(p -> p.path("binding").toString()))
                    .as("%s: no two properties bound alike", template.file()).doesNotHaveDuplicates();
        });
        assertThat(templates.stream().map(t -> t.json().path("name").asText())).as("template names").doesNotHaveDuplicates();
    }

    @Test
    void everyTemplateNamesTheJobOfExactlyOneWorker() {
        assertThat(templates).allSatisfy(template -> assertThat(workersByType.getOrDefault(template.type(), List.of()))
                .as("%s: the @JobWorker methods of job type %s", template.file(), template.type()).hasSize(1));
    }

    @Test
    void everyJobOfATaskHasATemplate() {
        Set<String> taskJobs = new TreeSet<>(workersByType.keySet());
        taskJobs.remove(Protocol.USER_TASK_JOB_TYPE);
        taskJobs.removeAll(listenerTypes);
        assertThat(templates.stream().map(Template::type)).as("the templates' job types")
                .containsExactlyInAnyOrderElementsOf(taskJobs);
    }

    @Test
    void aTemplateSetsOnlyInputsItsWorkerReads() {
        assertThat(templates).allSatisfy(template -> {
            Worker worker = workerOf(template);
            assertThat(componentNames(worker.variables())).as("%s: what %s reads", template.file(), worker)
                    .containsAll(template.inputs().keySet());
        });
    }

    @Test
    void aTemplateMapsOnlyWhatItsJobReturnsOrItsInputs() {
        assertThat(templates).allSatisfy(template -> {
            Set<String> available = new TreeSet<>(workerOf(template).results());
            available.addAll(template.inputs().keySet());
            assertThat(template.outputs().keySet()).as("%s: output sources", template.file())
                    .allSatisfy(source -> assertThat(source).startsWith("=").satisfies(
                            s -> assertThat(available).contains(s.substring(1).strip())));
        });
    }

    /** A stage the worker reads as an enum can only be one of its constants: the Modeler offers exactly those. */
    @Test
    void anInputTheWorkerReadsAsAnEnumIsADropdownOfItsConstants() {
        assertThat(templates).allSatisfy(template -> {
            Class<?> variables = workerOf(template).variables();
            for (RecordComponent component : variables.getRecordComponents()) {
                JsonNode property = template.inputs().get(component.getName());
                if (property != null && component.getType().isEnum()) {
                    assertThat(choices(property)).as("%s: the choices of %s", template.file(), component.getName())
                            .containsExactlyInAnyOrderElementsOf(feelStrings(component.getType().getEnumConstants()));
                }
            }
        });
    }

    /** The breach is a string in the process's variables; the escalation reads it as a {@link SlaEscalation.Breach}. */
    @Test
    void theBreachChoicesAreTheEscalationsBreaches() {
        Template escalation = templateOf(SequenceProcess.ESCALATE_SLA_BREACH);
        assertThat(choices(escalation.inputs().get("breach")))
                .containsExactlyInAnyOrderElementsOf(feelStrings(SlaEscalation.Breach.values()));
    }

    @Test
    void aTemplateAppliedToATaskOfTheModelsSetsWhatTheTaskHas() {
        assertThat(modelTasks).allSatisfy(task -> {
            Template template = templateOf(task.definition().getType());
            assertThat(task.definition().getRetries()).as("%s retries", task).isEqualTo(template.taskDefinition("retries"));

            Map<String, String> inputs = new LinkedHashMap<>();
            ioMappings(task).forEach(mapping -> mapping.getInputs().forEach(i -> inputs.put(i.getTarget(), i.getSource())));
            assertSetAsTemplateSays(task, template, "inputs", inputs, template.inputs());

            Map<String, String> headers = new LinkedHashMap<>();
            extensions(task, ZeebeTaskHeaders.class).forEach(h -> h.getHeaders().forEach(header -> headers.put(header.getKey(), header.getValue())));
            assertSetAsTemplateSays(task, template, "headers", headers, template.headers());

            Map<String, String> outputs = new LinkedHashMap<>();
            ioMappings(task).forEach(mapping -> mapping.getOutputs().forEach(o -> outputs.put(o.getSource(), o.getTarget())));
            assertThat(template.outputs().keySet()).as("%s: outputs of template %s", task, template.file())
                    .containsAll(outputs.keySet());
            assertThat(outputs.keySet()).as("%s: the required outputs of template %s", task, template.file())
                    .containsAll(template.outputs().entrySet().stream()
                            .filter(output -> !output.getValue().path("optional").asBoolean()).map(Map.Entry::getKey).toList());
            outputs.forEach((source, target) -> {
                JsonNode property = template.outputs().get(source);
                if (property.path("type").asText().equals("Hidden")) {
                    assertThat(target).as("%s: the target of %s", task, source).isEqualTo(property.path("value").asText());
                }
            });
        });
    }

    /** The task sets exactly what the template's properties of one kind set, each to a value the template allows. */
    private static void assertSetAsTemplateSays(ModelTask task, Template template, String kind, Map<String, String> set,
                                                Map<String, JsonNode> properties) {
        assertThat(set.keySet()).as("%s: %s, and those of template %s", task, kind, template.file())
                .containsExactlyInAnyOrderElementsOf(properties.keySet());
        set.forEach((name, value) -> {
            JsonNode property = properties.get(name);
            switch (property.path("type").asText()) {
                case "Dropdown" -> assertThat(choices(property)).as("%s: %s is a choice of %s", task, value, template.file())
                        .contains(value);
                case "Hidden" -> assertThat(value).as("%s: %s", task, name).isEqualTo(property.path("value").asText());
                default -> assertThat(value).as("%s: %s", task, name).isNotBlank();
            }
        });
    }

    private static Stream<ZeebeIoMapping> ioMappings(ModelTask task) {
        return extensions(task, ZeebeIoMapping.class);
    }

    private static <T extends ModelElementInstance> Stream<T> extensions(ModelTask task, Class<T> type) {
        return task.element().getChildElementsByType(ExtensionElements.class).stream()
                .flatMap(extensions -> extensions.getChildElementsByType(type).stream());
    }

    private static Worker workerOf(Template template) {
        List<Worker> workers = workersByType.getOrDefault(template.type(), List.of());
        assertThat(workers).as("%s: the workers of job type %s", template.file(), template.type()).hasSize(1);
        return workers.get(0);
    }

    private static Template templateOf(String type) {
        return templates.stream().filter(t -> t.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("No element template for job type " + type + " in " + TEMPLATES));
    }

    private static List<String> choices(JsonNode property) {
        assertThat(property.path("type").asText()).as("%s is a Dropdown", property.path("label")).isEqualTo("Dropdown");
        return StreamSupport.stream(property.path("choices").spliterator(), false).map(c -> c.path("value").asText()).toList();
    }

    /** The constants as the models write them: FEEL string literals, e.g. ="SQL". */
    private static List<String> feelStrings(Object[] constants) {
        return Arrays.stream(constants).map(c -> "=\"" + ((Enum<?>) c).name() + "\"").toList();
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> files(Path directory, String extension) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
        }
    }
}
