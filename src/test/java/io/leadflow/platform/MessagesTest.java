package io.leadflow.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' texts: every key in both languages, none that no page, script or class uses, none a template asks for
 * that is missing, and each one a valid MessageFormat where it takes arguments. The forms' texts: every label, option
 * and static text of each form of processes/ in the form's Spanish file, and nothing there the form does not have; every
 * user task of each model named in the model's Spanish file, and nothing else there.
 */
class MessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path PROCESSES = Path.of("processes");
    private static final String SCRIPT_PREFIX = "manager.js.";
    private static final Pattern TEMPLATE_CODE = Pattern.compile("msg\\(\"([\\w.]+)\"");
    private static final Pattern SCRIPT_CODE = Pattern.compile("\\bt\\('([\\w.]+)'");

    private final Properties english = load("messages.properties");
    private final Properties spanish = load("messages_es.properties");

    @Test
    void everyKeyIsInBothLanguages() {
        assertThat(spanish.stringPropertyNames()).as("keys of messages.properties missing from messages_es.properties, or extra there")
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        assertThat(english.stringPropertyNames()).allSatisfy(key -> assertThat(spanish.getProperty(key)).as(key).isNotBlank());
    }

    @Test
    void everyKeyIsUsed() throws IOException {
        String pages = read(Stream.of(RESOURCES.resolve("templates"), Path.of("src/main/java")), ".ftlh", ".java");
        String script = read(Stream.of(RESOURCES.resolve("static/js")), ".js");
        List<String> unused = new ArrayList<>();
        for (String key : english.stringPropertyNames()) {
            boolean used = key.startsWith(SCRIPT_PREFIX) ? usedIn(script, key.substring(SCRIPT_PREFIX.length()), '\'')
                    : usedIn(pages, key, '"');
            if (!used) {
                unused.add(key);
            }
        }
        assertThat(unused).as("keys no template, script or class uses").isEmpty();
    }

    @Test
    void everyCodeATemplateOrTheScriptAsksForExists() throws IOException {
        String pages = read(Stream.of(RESOURCES.resolve("templates")), ".ftlh");
        Set<String> asked = codes(TEMPLATE_CODE, pages).stream().filter(code -> !code.endsWith(".")).collect(Collectors.toSet());
        codes(SCRIPT_CODE, read(Stream.of(RESOURCES.resolve("static/js")), ".js")).stream()
                .filter(code -> !code.endsWith(".")).map(code -> SCRIPT_PREFIX + code).forEach(asked::add);
        assertThat(english.stringPropertyNames()).containsAll(asked);
    }

    @Test
    void aMessageWithArgumentsIsAValidMessageFormatAndTheScriptsAreTakenAsTheyAre() {
        for (Properties messages : List.of(english, spanish)) {
            for (String key : messages.stringPropertyNames()) {
                String text = messages.getProperty(key);
                if (key.startsWith(SCRIPT_PREFIX)) {
                    assertThat(text).as(key + ": the script shows it as it is").doesNotContain("''");
                } else if (text.contains("{")) {
                    assertThat(new MessageFormat(text).format(new Object[] {1, 2, 3})).as(key).doesNotContain("{");
                    assertThat(text.replace("''", "")).as(key + ": a single apostrophe hides the text after it").doesNotContain("'");
                }
            }
        }
    }

    @Test
    void everyFormTextIsInSpanishAndEverySpanishTextIsTheForms() throws IOException {
        List<Path> forms;
        try (Stream<Path> files = Files.list(PROCESSES)) {
            forms = files.filter(file -> file.toString().endsWith(".form")).sorted().toList();
        }
        assertThat(forms).isNotEmpty();
        for (Path form : forms) {
            String id = form.getFileName().toString().replaceFirst("\\.form$", "");
            Path translation = PROCESSES.resolve(id + ".es.properties");
            assertThat(translation).as("the Spanish texts of " + form).exists();
            Properties texts = load(translation);
            assertThat(texts.stringPropertyNames()).as(translation + ": a text in one language only")
                    .containsExactlyInAnyOrderElementsOf(textsOf(new ObjectMapper().readTree(form.toFile())));
            assertThat(texts.stringPropertyNames()).allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
        }
        try (Stream<Path> files = Files.list(PROCESSES)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".properties")))
                    .as("a translation of a form or model that is not there").allSatisfy(name -> assertThat(Stream.of(".form", ".bpmn")
                            .map(ending -> PROCESSES.resolve(name.replaceFirst("\\.[a-z]{2}\\.properties$", ending))))
                            .anySatisfy(translated -> assertThat(translated).exists()));
        }
    }

    @Test
    void everyUserTaskIsNamedInSpanishAndEverySpanishNameIsAUserTasks() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(PROCESSES)) {
            models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(models).isNotEmpty();
        for (Path model : models) {
            Set<String> names = Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class).stream()
                    .map(task -> task.getId() + ".name").collect(Collectors.toSet());
            Path translation = PROCESSES.resolve(model.getFileName().toString().replaceFirst("\\.bpmn$", ".es.properties"));
            if (names.isEmpty() && !Files.exists(translation)) {
                continue;
            }
            Properties texts = load(translation);
            assertThat(texts.stringPropertyNames()).as(translation + ": a user task's name in one language only")
                    .containsExactlyInAnyOrderElementsOf(names);
            assertThat(texts.stringPropertyNames()).allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
        }
    }

    /** The keys of a form's texts, as CamundaFormRenderer looks them up. */
    private static Set<String> textsOf(JsonNode form) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode component : form.path("components")) {
            String key = component.path("key").asText("");
            if ("text".equals(component.path("type").asText())) {
                keys.add(component.path("id").asText() + ".text");
            } else if (!key.isBlank()) {
                keys.add(key + ".label");
                component.path("values").forEach(option -> keys.add(key + ".values." + option.path("value").asText()));
            }
        }
        return keys;
    }

    /**
     * Whether the sources name the key: whole, or by a family its code is built from ("stage." + the stage) or a code
     * a suffix is added to ("task.notFound" + ".title").
     */
    private static boolean usedIn(String sources, String key, char quote) {
        if (sources.contains(quote + key + quote)) {
            return true;
        }
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
            String prefix = key.substring(0, dot);
            if (sources.contains(quote + prefix + "." + quote) || (prefix.contains(".") && sources.contains(quote + prefix + quote))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> codes(Pattern pattern, String text) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private static String read(Stream<Path> roots, String... endings) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path root : roots.toList()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(path -> Stream.of(endings).anyMatch(path.toString()::endsWith)).toList()) {
                    all.append(Files.readString(file)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static Properties load(String name) {
        return load(RESOURCES.resolve(name));
    }

    private static Properties load(Path file) {
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            messages.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }
}
