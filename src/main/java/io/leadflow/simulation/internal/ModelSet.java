package io.leadflow.simulation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.process.RoutingJob;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The models one side of a simulation deploys: the files of processes/, with the candidate files laid over them by
 * file name (a file not given is the deployed one). {@link #withCandidates} refuses, naming file, element and reason,
 * what the replay could not run: a file that does not parse, a business rule task calling a decision no model defines,
 * a decision the replay evaluates on the lead's facts whose inputs read a name the facts do not have.
 */
record ModelSet(Map<String, byte[]> files, List<String> candidateFiles) {

    static final String FIELD = "models";
    /** The decisions evaluated on the identify stage's variables and the lead's fit facts (one variable, {@code facts}). */
    private static final Set<String> DECISIONS_ON_FACTS = Set.of(IdentifyProcess.FIT_DECISION, IdentifyProcess.ASSIGNMENT_DECISION);
    private static final Set<String> FACT_NAMES = Stream.concat(
                    Arrays.stream(IdentifyProcess.FitFacts.class.getRecordComponents()).map(component -> "facts." + component.getName()),
                    Arrays.stream(IdentifyProcess.Variables.class.getRecordComponents()).map(component -> component.getName()))
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern NAME_PATH = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.(bpmn|dmn|form)");
    /** An expression that is a text and nothing else, e.g. {@code ="lead-assignment"}. */
    private static final Pattern TEXT_EXPRESSION = Pattern.compile("=\\s*\"([^\"]+)\"\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The files of processes/ as leadflow deploys them. */
    static ModelSet deployed(String location) {
        try {
            Map<String, byte[]> files = new TreeMap<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
                String name = resource.getFilename();
                if (name != null && FILE_NAME.matcher(name).matches()) {
                    try (InputStream in = resource.getInputStream()) {
                        files.put(name, in.readAllBytes());
                    }
                }
            }
            return new ModelSet(files, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** These models with the candidates in place of the files of the same name; refuses what could not run. */
    ModelSet withCandidates(Map<String, byte[]> candidates) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, byte[]> merged = new TreeMap<>(files);
        candidates.forEach((name, bytes) -> {
            if (name == null || !FILE_NAME.matcher(name).matches()) {
                errors.add(new FieldError(FIELD, "\"" + name + "\" is not a model file name (a .bpmn, .dmn or .form file)"));
            } else {
                merged.put(name, bytes);
            }
        });
        if (candidates.isEmpty()) {
            errors.add(new FieldError(FIELD, "no candidate model given: upload at least one .bpmn, .dmn or .form file"));
        }
        ModelSet set = new ModelSet(merged, List.copyOf(new TreeMap<>(candidates).keySet()));
        if (errors.isEmpty()) {
            set.check(errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The candidate models cannot be replayed", errors);
        }
        return set;
    }

    private void check(List<FieldError> errors) {
        Set<String> decisions = new HashSet<>();
        List<BpmnModelInstance> processes = new ArrayList<>();
        files.forEach((name, bytes) -> {
            try {
                if (name.endsWith(".dmn")) {
                    DmnModelInstance dmn = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
                    decisions.addAll(dmn.getModelElementsByType(Decision.class).stream().map(Decision::getId).toList());
                    checkInputs(name, dmn, errors);
                } else if (name.endsWith(".bpmn")) {
                    processes.add(Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)));
                } else {
                    JSON.readTree(bytes);
                }
            } catch (IOException | RuntimeException e) {
                errors.add(new FieldError(FIELD, name + " cannot be read: " + rootMessage(e)));
            }
        });
        for (BpmnModelInstance process : processes) {
            for (BusinessRuleTask task : process.getModelElementsByType(BusinessRuleTask.class)) {
                calledDecision(task).filter(called -> !decisions.contains(called)).ifPresent(called -> errors.add(new FieldError(
                        FIELD, "the task " + task.getId() + " calls the decision \"" + called + "\", which no model defines")));
            }
        }
        if (!decisions.contains(IdentifyProcess.FIT_DECISION)) {
            errors.add(new FieldError(FIELD, "no model defines the decision \"" + IdentifyProcess.FIT_DECISION + "\" that decides fit"));
        }
    }

    /**
     * The decision a business rule task calls: the engine's own ({@code zeebe:calledDecision}) or the one the routing
     * job reads, from the task's {@code decision} header or, in a model written before the headers, from its
     * {@code decision} input when that is a text.
     */
    private static Optional<String> calledDecision(BusinessRuleTask task) {
        ZeebeCalledDecision called = task.getSingleExtensionElement(ZeebeCalledDecision.class);
        if (called != null) {
            return Optional.of(called.getDecisionId());
        }
        ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
        Map<String, String> named = new HashMap<>();
        if (headers != null) {
            headers.getHeaders().forEach(header -> named.putIfAbsent(header.getKey(), header.getValue()));
        }
        return Optional.ofNullable(RoutingJob.decision(named, decisionInput(task)));
    }

    /** The text a task written before the routing headers gives its {@code decision} input; null when it gives none. */
    private static String decisionInput(BusinessRuleTask task) {
        ZeebeIoMapping mapping = task.getSingleExtensionElement(ZeebeIoMapping.class);
        return mapping == null ? null : mapping.getInputs().stream()
                .filter(input -> RoutingJob.EARLIER_DECISION_INPUT.equals(input.getTarget()))
                .map(input -> TEXT_EXPRESSION.matcher(input.getSource()))
                .filter(Matcher::matches)
                .map(text -> text.group(1))
                .findFirst().orElse(null);
    }

    /**
     * In a file that defines a decision evaluated on the lead's facts, every input that reads a plain name must read a
     * fact, a process variable or the result of a decision of the same file (a required decision).
     */
    private static void checkInputs(String file, DmnModelInstance dmn, List<FieldError> errors) {
        List<Decision> decisions = List.copyOf(dmn.getModelElementsByType(Decision.class));
        if (decisions.stream().noneMatch(decision -> DECISIONS_ON_FACTS.contains(decision.getId()))) {
            return;
        }
        Set<String> known = new HashSet<>(FACT_NAMES);
        for (Decision decision : decisions) {
            known.add(decision.getId());
            if (decision.getVariable() != null && decision.getVariable().getName() != null) {
                known.add(decision.getVariable().getName());
            }
        }
        for (Decision decision : decisions) {
            if (!(decision.getExpression() instanceof DecisionTable table)) {
                continue;
            }
            for (Input input : table.getInputs()) {
                String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
                        : input.getInputExpression().getText().getTextContent().strip();
                boolean knownName = known.contains(expression) || known.contains(expression.split("\\.")[0]);
                if (NAME_PATH.matcher(expression).matches() && !knownName) {
                    errors.add(new FieldError(FIELD, file + ": the input \"" + (input.getLabel() == null ? input.getId() : input.getLabel())
                            + "\" of the decision " + decision.getId() + " reads \"" + expression + "\", which is none of a lead's facts "
                            + FACT_NAMES.stream().sorted().toList() + " nor a decision of the file"));
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
