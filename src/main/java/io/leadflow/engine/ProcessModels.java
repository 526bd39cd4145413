package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.Decision;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BPMN, DMN and form files of processes/: deployed as they are at start-up, and read for what a
 * job does not carry (a user task's name and form). A form's texts in another language are in
 * {@code <form id>.<language>.properties} beside it (a Camunda form holds one language), and a model's user task names
 * in {@code <model file name>.<language>.properties} as {@code <element id>.name}; read, not deployed.
 */
@Component
public class ProcessModels implements SmartInitializingSingleton {

    /**
     * What the task list needs to know about a user task element; {@code name} is the model's own, {@code names} the
     * task's name by language where its model has a file for it.
     */
    public record UserTaskDefinition(String processId, String elementId, String name, String formId, Map<String, String> names) {

        /** The task's name in {@code language}, else as the model names it. */
        public String name(Locale language) {
            return names.getOrDefault(language.getLanguage(), name);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ProcessModels.class);
    /** qualify-lead.es.properties, lead-explore.es.properties: the form id or model file name, and the language. */
    private static final Pattern TEXTS = Pattern.compile("(.+)\\.([a-z]{2})\\.properties");

    private final CamundaClient client;
    private final String location;
    private final Duration deployTimeout;
    private final Map<String, UserTaskDefinition> userTasks = new HashMap<>();
    // By BPMN file name without ".bpmn": its user tasks' keys in userTasks by element id.
    private final Map<String, Map<String, String>> userTasksByModel = new HashMap<>();
    private final Map<String, byte[]> forms = new HashMap<>();
    // By form id and language: the form's texts in that language ("decision.label", "decision.values.sql", "Text_Intro.text").
    private final Map<String, Map<String, Map<String, String>>> formTexts = new HashMap<>();
    // By process id, in file order: the deployed BPMN file and the names of its process and elements.
    private final Map<String, byte[]> diagrams = new LinkedHashMap<>();
    private final Map<String, String> names = new HashMap<>();
    // Rule annotations by decision id and rule id, from the DMN files; and what this run's deployment holds.
    private final Map<String, Map<String, String>> ruleAnnotations = new HashMap<>();
    private final Map<String, Decision> deployedDecisions = new HashMap<>();
    private final Set<Long> deployedProcessKeys = new HashSet<>();

    ProcessModels(CamundaClient client, EngineProperties settings) {
        this.client = client;
        this.location = settings.processesLocation();
        this.deployTimeout = settings.deployTimeout();
    }

    /** Before the web server opens, so no lead can start a process that is not deployed yet. */
    @Override
    public void afterSingletonsInstantiated() {
        DeployResourceCommandStep2 command = null;
        List<String> names = new ArrayList<>();
        for (Resource model : models()) {
            String name = model.getFilename();
            byte[] bytes = read(model);
            command = command == null
                    ? client.newDeployResourceCommand().addResourceBytes(bytes, name)
                    : command.addResourceBytes(bytes, name);
            names.add(name);
            if (name.endsWith(".bpmn")) {
                describe(name.substring(0, name.length() - ".bpmn".length()), Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)), bytes);
            } else if (name.endsWith(".dmn")) {
                ruleAnnotations.putAll(DmnRules.annotations(bytes));
            } else if (name.endsWith(".form")) {
                forms.put(name.substring(0, name.length() - ".form".length()), bytes);
            }
        }
        if (command == null) {
            throw new IllegalStateException("No models found at " + location);
        }
        readTexts();
        DeploymentEvent deployment = command.requestTimeout(deployTimeout).send().join();
        deployment.getProcesses().forEach(process -> deployedProcessKeys.add(process.getProcessDefinitionKey()));
        deployment.getDecisions().forEach(decision -> deployedDecisions.put(decision.getDmnDecisionId(), decision));
        log.info("Deployed {}", names);
    }

    /**
     * The key of the decision deployed together with this process definition (one deployment holds every model), so a
     * process calls the rules it was deployed with; null for a process leadflow did not deploy in this run.
     */
    Long decisionDeployedWith(long processDefinitionKey, String decisionId) {
        Decision decision = deployedDecisions.get(decisionId);
        return decision != null && deployedProcessKeys.contains(processDefinitionKey) ? decision.getDecisionKey() : null;
    }

    /**
     * The annotation of a rule row of {@code decisionId} (the called decision or one it requires) when the called
     * decision's {@code version} is the one this run deployed; null for another version or a row without one.
     */
    String ruleAnnotation(String calledDecisionId, int version, String decisionId, String ruleId) {
        Decision decision = deployedDecisions.get(calledDecisionId);
        return decision == null || decision.getVersion() != version ? null
                : ruleAnnotations.getOrDefault(decisionId, Map.of()).get(ruleId);
    }

    public Optional<UserTaskDefinition> userTask(String processId, String elementId) {
        return Optional.ofNullable(userTasks.get(processId + "/" + elementId));
    }

    /**
     * A user task by its element id alone, for what keeps only that (a task in the task list, a timeline entry): the
     * models' user task ids are unique across them (checked at start-up).
     */
    public Optional<UserTaskDefinition> userTask(String elementId) {
        return userTasks.values().stream().filter(task -> task.elementId().equals(elementId)).findFirst();
    }

    /** A form's Camunda Forms JSON, by the file name without ".form" (the convention: file name = form id). */
    public Optional<byte[]> form(String formId) {
        return Optional.ofNullable(forms.get(formId));
    }

    /**
     * The form's texts in {@code language} by the component they replace ({@code <key>.label}, {@code <key>.values.<value>},
     * {@code <text component id>.text}); empty when the form has no file for that language, so it shows as written.
     */
    public Map<String, String> formTexts(String formId, Locale language) {
        return formTexts.getOrDefault(formId, Map.of()).getOrDefault(language.getLanguage(), Map.of());
    }

    /** The ids of the deployed processes, in file name order. */
    public List<String> processIds() {
        return List.copyOf(diagrams.keySet());
    }

    /** The BPMN XML deployed for the process (the whole file it is in), for a diagram. */
    public Optional<byte[]> diagram(String processId) {
        return Optional.ofNullable(diagrams.get(processId));
    }

    /** The process's name in its BPMN, or its id when it has none. */
    public String processName(String processId) {
        return names.getOrDefault(processId, processId);
    }

    /** The element's name in the process's BPMN, or its id when it has none. */
    public String elementName(String processId, String elementId) {
        return names.getOrDefault(processId + "/" + elementId, elementId);
    }

    private void describe(String file, BpmnModelInstance model, byte[] bytes) {
        Map<String, String> tasksOfFile = userTasksByModel.computeIfAbsent(file, f -> new HashMap<>());
        for (Process process : model.getModelElementsByType(Process.class)) {
            diagrams.put(process.getId(), bytes);
            if (process.getName() != null) {
                names.put(process.getId(), process.getName());
            }
        }
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if (element.getName() != null) {
                names.put(processOf(element) + "/" + element.getId(), element.getName());
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String processId = processOf(task);
            if (userTask(task.getId()).isPresent()) {
                throw new IllegalStateException(file + ".bpmn has user task " + task.getId() + ", an id another model's user task has");
            }
            ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
            userTasks.put(processId + "/" + task.getId(), new UserTaskDefinition(processId, task.getId(),
                    elementName(processId, task.getId()), form == null ? null : form.getFormId(), Map.of()));
            tasksOfFile.put(task.getId(), processId + "/" + task.getId());
        }
    }

    private static String processOf(FlowElement flowElement) {
        var element = flowElement.getParentElement();
        while (!(element instanceof Process)) {
            element = element.getParentElement();
        }
        return ((Process) element).getId();
    }

    private List<Resource> models() {
        List<Resource> models = new ArrayList<>(resources(name -> name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form")));
        models.sort(Comparator.comparing(Resource::getFilename));
        return models;
    }

    /** The forms' texts and the user task names in other languages; one translating nothing there stops the start-up. */
    private void readTexts() {
        Map<String, Map<String, String>> taskNames = new HashMap<>(); // by task key, then language
        for (Resource file : resources(name -> TEXTS.matcher(name).matches())) {
            Matcher name = TEXTS.matcher(file.getFilename());
            name.matches();
            String translated = name.group(1);
            String language = name.group(2);
            Map<String, String> texts = load(file);
            if (forms.containsKey(translated)) {
                formTexts.computeIfAbsent(translated, form -> new HashMap<>()).put(language, texts);
            } else if (userTasksByModel.containsKey(translated)) {
                texts.forEach((key, text) -> {
                    String task = key.endsWith(".name")
                            ? userTasksByModel.get(translated).get(key.substring(0, key.length() - ".name".length())) : null;
                    if (task == null) {
                        throw new IllegalStateException(file.getFilename() + " names " + key + ", not a user task of " + translated + ".bpmn");
                    }
                    taskNames.computeIfAbsent(task, t -> new HashMap<>()).put(language, text);
                });
            } else {
                throw new IllegalStateException(file.getFilename() + " translates nothing: there is no " + translated
                        + ".form or " + translated + ".bpmn");
            }
        }
        taskNames.forEach((key, names) -> userTasks.computeIfPresent(key, (k, task) ->
                new UserTaskDefinition(task.processId(), task.elementId(), task.name(), task.formId(), Map.copyOf(names))));
    }

    private static Map<String, String> load(Resource file) {
        Properties texts = new Properties();
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            texts.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> byKey = new HashMap<>();
        texts.stringPropertyNames().forEach(key -> byKey.put(key, texts.getProperty(key)));
        return Map.copyOf(byKey);
    }

    private List<Resource> resources(Predicate<String> named) {
        try {
            List<Resource> found = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
                if (resource.getFilename() != null && named.test(resource.getFilename())) {
                    found.add(resource);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
