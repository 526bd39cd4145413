package io.leadflow.process;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.leadflow.process.RoutingJob;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names a model shares with the code around it, read from the model file so that tests can hold the code to
 * them: the job types a worker must subscribe to, the message names that are published, the process variables a
 * model reads or writes, and the inputs and outputs of its decisions.
 *
 * <p>Variables are found without a FEEL parser: an expression is cut into tokens and every name that starts a
 * path is taken, unless it is a keyword, a function being called, a context key, or a name the expression binds
 * itself. Names inside a filter ({@code xs[step > 1]}) are taken as variables although they may name fields of
 * the list's elements: the models use no filters, and a stray extra name is safer than a missed one.
 */
public final class ModelVocabulary {

    /** What one BPMN process shares with its workers and callers; every set is sorted. */
    public record ProcessVocabulary(String processId, Set<String> jobTypes, Set<String> messageNames,
                                    Set<String> variables) {
    }

    /** The inputs and outputs of the decisions of one DMN file, by decision id. */
    public static final class DecisionVocabulary {

        private final Map<String, Set<String>> inputs;
        private final Map<String, Set<String>> outputs;

        private DecisionVocabulary(Map<String, Set<String>> inputs, Map<String, Set<String>> outputs) {
            this.inputs = inputs;
            this.outputs = outputs;
        }

        public Set<String> decisionIds() {
            return inputs.keySet();
        }

        /** The root names the decision's input expressions read (for a literal expression: what it reads). */
        public Set<String> decisionInputs(String decisionId) {
            return of(inputs, decisionId);
        }

        /** The names of the decision's outputs (for a literal expression: its variable); empty for one unnamed output. */
        public Set<String> decisionOutputs(String decisionId) {
            return of(outputs, decisionId);
        }

        private static Set<String> of(Map<String, Set<String>> byDecision, String decisionId) {
            Set<String> names = byDecision.get(decisionId);
            if (names == null) {
                throw new IllegalArgumentException("No decision " + decisionId + " among " + byDecision.keySet());
            }
            return names;
        }
    }

    private ModelVocabulary() {
    }

    // ---- BPMN ----

    /** The vocabulary of every process in the file, by process id. */
    public static Map<String, ProcessVocabulary> processes(Path bpmn) {
        try (InputStream in = Files.newInputStream(bpmn)) {
            return processes(Bpmn.readModelFromStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vocabulary of every process in the model, by process id. */
    public static Map<String, ProcessVocabulary> processes(BpmnModelInstance model) {
        Map<String, ProcessVocabulary> processes = new TreeMap<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            processes.put(process.getId(), vocabulary(model, process));
        }
        return Collections.unmodifiableMap(processes);
    }

    /** The vocabulary of one process of the file; fails if the file has no such process. */
    public static ProcessVocabulary process(Path bpmn, String processId) {
        Map<String, ProcessVocabulary> processes = processes(bpmn);
        ProcessVocabulary process = processes.get(processId);
        if (process == null) {
            throw new IllegalArgumentException("No process " + processId + " in " + bpmn + ", only " + processes.keySet());
        }
        return process;
    }

    private static ProcessVocabulary vocabulary(BpmnModelInstance model, Process process) {
        SortedSet<String> jobTypes = new TreeSet<>();
        inside(model, process, ZeebeTaskDefinition.class).forEach(d -> jobTypes.add(staticName("job type", d.getType())));
        inside(model, process, ZeebeExecutionListener.class).forEach(l -> jobTypes.add(staticName("listener type", l.getType())));
        // User task listeners are jobs too, though the models have none yet.
        inside(model, process, ZeebeTaskListener.class).forEach(l -> jobTypes.add(staticName("listener type", l.getType())));

        // Messages are declared beside the process; the ones its events and receive tasks refer to are its own.
        List<Message> messages = Stream.concat(
                        inside(model, process, MessageEventDefinition.class).map(MessageEventDefinition::getMessage),
                        inside(model, process, ReceiveTask.class).map(ReceiveTask::getMessage))
                .filter(Objects::nonNull).distinct().toList();
        SortedSet<String> messageNames = new TreeSet<>();
        messages.forEach(m -> messageNames.add(staticName("message name", m.getName())));

        // Read: every expression in the process, and the correlation keys on its messages.
        SortedSet<String> variables = new TreeSet<>();
        Document document = (Document) model.getDocument().getDomSource().getNode();
        readBy(xml(document, process), variables);
        messages.forEach(m -> readBy(xml(document, m), variables));
        // Written: mapping targets (a dotted target writes into its root) and the result names of tasks and loops.
        // A loop's outputElement is an expression, so it was read above.
        inside(model, process, ZeebeInput.class).forEach(i -> variables.add(root(i.getTarget())));
        inside(model, process, ZeebeOutput.class).forEach(o -> variables.add(root(o.getTarget())));
        inside(model, process, ZeebeCalledDecision.class).forEach(d -> addName(variables, d.getResultVariable()));
        // The routing job's result goes to the variable its task's header names, as a called decision's does.
        inside(model, process, ZeebeHeader.class).filter(h -> RoutingJob.RESULT_VARIABLE_HEADER.equals(h.getKey()))
                .forEach(h -> addName(variables, staticName("result variable", h.getValue())));
        inside(model, process, ZeebeScript.class).forEach(s -> addName(variables, s.getResultVariable()));
        inside(model, process, ZeebeLoopCharacteristics.class).forEach(l -> {
            addName(variables, l.getInputElement());
            addName(variables, l.getOutputCollection());
        });

        return new ProcessVocabulary(process.getId(), Collections.unmodifiableSortedSet(jobTypes),
                Collections.unmodifiableSortedSet(messageNames), Collections.unmodifiableSortedSet(variables));
    }

    /** The elements of a type anywhere inside the process, its sub-processes included. */
    private static <T extends ModelElementInstance> Stream<T> inside(BpmnModelInstance model, Process process, Class<T> type) {
        return model.getModelElementsByType(type).stream().filter(element -> {
            for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
                if (e instanceof Process p && p.getId().equals(process.getId())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A name the code uses verbatim: an expression would make it unknowable before the process runs. */
    private static String staticName(String what, String value) {
        if (value == null || value.isBlank() || value.startsWith("=")) {
            throw new IllegalStateException("The " + what + " '" + value + "' is not a static name");
        }
        return value;
    }

    private static String root(String target) {
        return target.split("\\.", 2)[0];
    }

    private static void addName(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }

    /** The XML element behind a model element; the model API has no way to list an element's attributes. */
    private static Element xml(Document document, BaseElement element) {
        NodeList candidates = document.getElementsByTagNameNS(
                element.getElementType().getTypeNamespace(), element.getElementType().getTypeName());
        for (int i = 0; i < candidates.getLength(); i++) {
            Element candidate = (Element) candidates.item(i);
            if (element.getId().equals(candidate.getAttribute("id"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No XML element for " + element.getId());
    }

    /**
     * Adds the variables read by every expression in the element and below it. Zeebe marks an expression with a
     * leading '=', in an attribute (zeebe:input source, assignee, dueDate, inputCollection, correlationKey…) or as
     * the text of an element (conditionExpression, timeDate, timeDuration, timeCycle…).
     */
    private static void readBy(Element element, Set<String> variables) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            addReadBy(attributes.item(i).getNodeValue(), variables);
        }
        boolean leaf = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                leaf = false;
                readBy(childElement, variables);
            }
        }
        if (leaf) {
            addReadBy(element.getTextContent().strip(), variables);
        }
    }

    private static void addReadBy(String value, Set<String> variables) {
        if (value.startsWith("=")) {
            variables.addAll(feelVariables(value));
        }
    }

    // ---- DMN ----

    /** The inputs and outputs of every decision in the file. */
    public static DecisionVocabulary decisions(Path dmn) {
        DmnModelInstance model;
        try (InputStream in = Files.newInputStream(dmn)) {
            model = Dmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> inputs = new TreeMap<>();
        Map<String, Set<String>> outputs = new TreeMap<>();
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            SortedSet<String> in = new TreeSet<>();
            SortedSet<String> out = new TreeSet<>();
            switch (decision.getExpression()) {
                case DecisionTable table -> {
                    table.getInputs().forEach(i -> in.addAll(feelVariables(i.getInputExpression().getText().getTextContent())));
                    // A table with one output may leave it unnamed: the result is then the value itself.
                    table.getOutputs().stream().map(Output::getName).forEach(name -> addName(out, name));
                }
                case LiteralExpression literal -> {
                    in.addAll(feelVariables(literal.getText().getTextContent()));
                    out.add(decision.getVariable().getName());
                }
                default -> throw new IllegalStateException("Decision " + decision.getId() + " is neither a table nor a literal expression");
            }
            inputs.put(decision.getId(), Collections.unmodifiableSortedSet(in));
            outputs.put(decision.getId(), Collections.unmodifiableSortedSet(out));
        }
        return new DecisionVocabulary(Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(outputs));
    }

    // ---- FEEL ----

    /** FEEL words that never name a variable. */
    private static final Set<String> KEYWORDS = Set.of(
            "if", "then", "else", "for", "in", "return", "some", "every", "satisfies", "and", "or", "not",
            "between", "instance", "of", "function", "null", "true", "false",
            // the implicit name of the current element in a filter, as in xs[item > 1]
            "item");

    /** Keywords after which "name in" binds the name, up to the keyword that ends the iteration. */
    private static final Set<String> ITERATORS = Set.of("for", "some", "every");
    private static final Set<String> ITERATION_ENDS = Set.of("return", "satisfies");

    /**
     * Built-in functions and types whose names contain spaces, as of FEEL 1.19 (the feel-engine on the class path).
     * Each is cut as one token, so that "date" in date and time(x) is no variable. One-word built-ins need no list:
     * a name followed by "(" is a call (now(), count(xs), append(xs, x)).
     */
    private static final List<String> MULTI_WORD_BUILTINS = List.of(
            "date and time", "days and time duration", "years and months duration",
            "day of week", "day of year", "month of year", "week of year", "last day of month",
            "string length", "upper case", "lower case", "substring before", "substring after",
            "starts with", "ends with", "string join", "is blank",
            "list contains", "index of", "insert before", "distinct values", "duplicate values", "is empty",
            "get value", "get entries", "context put", "context merge", "put all",
            "is defined", "get or else", "random number",
            "round up", "round down", "round half up", "round half down",
            "met by", "started by", "finished by", "overlaps before", "overlaps after");

    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<literal>\"(?:\\\\.|[^\"\\\\])*\"|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)",
            "(?<builtin>(?:" + MULTI_WORD_BUILTINS.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .map(name -> name.replace(" ", "\\s+"))
                    .collect(Collectors.joining("|")) + ")(?![\\p{L}\\p{N}_$]))",
            "`(?<quoted>[^`]+)`",
            "(?<name>[\\p{L}_$][\\p{L}\\p{N}_$]*)",
            "(?<symbol>\\.\\.|\\S)"));

    /** NAME: a name that may be a variable; OTHER: a literal or a multi-word built-in, never one. */
    private enum Kind { NAME, SYMBOL, OTHER }

    private record Token(Kind kind, String text) {
    }

    /** An open bracket, with the names bound until it closes. */
    private static final class Scope {
        final boolean context;
        final Set<String> bound = new HashSet<>();
        /** The key of a context entry, bound for the entries after it: {a: 1, b: a + 1}. */
        String pendingKey;

        Scope(boolean context) {
            this.context = context;
        }

        void endEntry() {
            if (pendingKey != null) {
                bound.add(pendingKey);
                pendingKey = null;
            }
        }
    }

    /**
     * The root names of the variables a FEEL expression reads: {@code attempt} for {@code attempt.step = 1}.
     * A leading '=', Zeebe's mark of an expression, is ignored.
     */
    public static Set<String> feelVariables(String expression) {
        List<Token> tokens = tokens(expression.startsWith("=") ? expression.substring(1) : expression);
        SortedSet<String> roots = new TreeSet<>();
        Deque<Scope> scopes = new ArrayDeque<>();
        scopes.push(new Scope(false));
        boolean iterating = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String text = token.text();
            switch (token.kind()) {
                case SYMBOL -> {
                    switch (text) {
                        case "{", "[", "(" -> scopes.push(new Scope(text.equals("{")));
                        case "}", "]", ")" -> {
                            if (scopes.size() > 1) {
                                scopes.pop();
                            }
                        }
                        case "," -> scopes.peek().endEntry();
                        default -> {
                        }
                    }
                }
                case NAME -> {
                    String before = i > 0 ? tokens.get(i - 1).text() : "";
                    String after = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
                    boolean called = after.equals("(");
                    boolean pathStep = before.equals(".");
                    boolean type = before.equals("of") && i > 1 && tokens.get(i - 2).text().equals("instance");
                    if (ITERATORS.contains(text)) {
                        iterating = true;
                    } else if (ITERATION_ENDS.contains(text)) {
                        iterating = false;
                    } else if (after.equals(":") && scopes.peek().context) {
                        scopes.peek().pendingKey = text;
                    } else if (iterating && after.equals("in")) {
                        scopes.peek().bound.add(text); // for x in xs
                    } else if (!KEYWORDS.contains(text) && !called && !pathStep && !type
                            && scopes.stream().noneMatch(scope -> scope.bound.contains(text))) {
                        roots.add(text);
                    }
                }
                case OTHER -> {
                }
            }
        }
        return Collections.unmodifiableSortedSet(roots);
    }

    private static List<Token> tokens(String feel) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(feel);
        while (matcher.find()) {
            if (matcher.group("name") != null) {
                tokens.add(new Token(Kind.NAME, matcher.group("name")));
            } else if (matcher.group("quoted") != null) {
                tokens.add(new Token(Kind.NAME, matcher.group("quoted")));
            } else if (matcher.group("symbol") != null) {
                tokens.add(new Token(Kind.SYMBOL, matcher.group("symbol")));
            } else {
                tokens.add(new Token(Kind.OTHER, matcher.group()));
            }
        }
        return tokens;
    }
}
