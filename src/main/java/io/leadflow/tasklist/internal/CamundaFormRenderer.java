package io.leadflow.tasklist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Camunda Forms JSON document into the fields the task page renders. Supported: textfield,
 * textarea, number, select, radio, checkbox, checklist and text; other components are left out. A field's options are
 * its {@code values}, or with {@code valuesKey} the list of {label, value} of the variable it names. A field's
 * {@code validate.pattern} and {@code conditional.hide} are kept for the submission's checks.
 * Static text may hold {{variable}} placeholders, filled from the given variables or left blank; a
 * text whose placeholders all come out blank is hidden (the forms hide it with a FEEL condition).
 * The form's texts in the reader's language replace its own: a label by {@code <key>.label}, an option's by
 * {@code <key>.values.<value>}, a static text by {@code <component id>.text}; what has none shows as written.
 */
@Component
public class CamundaFormRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]*)\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|\\*|`)(\\S(?:.*?\\S)?)\\1");

    private final ObjectMapper json;

    public CamundaFormRenderer() {
        this(new ObjectMapper());
    }

    CamundaFormRenderer(ObjectMapper json) {
        this.json = json;
    }

    public List<FormField> render(byte[] form, Map<String, ?> variables, Map<String, String> texts) {
        JsonNode root;
        try {
            root = json.readTree(form);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a Camunda form", e);
        }
        List<FormField> fields = new ArrayList<>();
        for (JsonNode component : root.path("components")) {
            FormField.Type type = type(component.path("type").asText(""));
            if (type == null) {
                continue;
            }
            String id = component.path("id").asText("");
            if (type == FormField.Type.TEXT) {
                String raw = texts.getOrDefault(id + ".text", component.path("text").asText(""));
                if (placeholdersAllBlank(raw, variables)) {
                    continue;
                }
                fields.add(new FormField(type, htmlId(id, fields.size()), null, null, false, false, List.of(),
                        text(substitute(raw, variables)), null, null, null));
                continue;
            }
            String key = component.path("key").asText("");
            if (key.isBlank()) {
                continue;
            }
            JsonNode validate = component.path("validate");
            List<FormField.Option> options = new ArrayList<>();
            for (JsonNode value : options(component, variables)) {
                String optionValue = value.path("value").asText("");
                options.add(new FormField.Option(texts.getOrDefault(key + ".values." + optionValue, value.path("label").asText(optionValue)),
                        optionValue));
            }
            String label = texts.getOrDefault(key + ".label", component.path("label").asText(key));
            fields.add(new FormField(type, htmlId(id.isBlank() ? key : id, fields.size()), key,
                    label.isBlank() ? key : label, validate.path("required").asBoolean(false),
                    "email".equalsIgnoreCase(validate.path("validationType").asText("")), List.copyOf(options), List.of(),
                    validate.path("pattern").asText(null), FormCondition.of(component.path("conditional").path("hide").asText(null)),
                    dateMeaning(component.path("properties").path("date").asText(""))));
        }
        return List.copyOf(fields);
    }

    private JsonNode options(JsonNode component, Map<String, ?> variables) {
        if (!component.hasNonNull("valuesKey")) {
            return component.path("values");
        }
        Object values = variables == null ? null : variables.get(component.path("valuesKey").asText());
        return values == null ? json.createArrayNode() : json.valueToTree(values);
    }

    private static FormField.DateMeaning dateMeaning(String name) {
        return name.isBlank() ? null : FormField.DateMeaning.valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    private static FormField.Type type(String name) {
        try {
            return FormField.Type.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String htmlId(String id, int index) {
        String clean = id.replaceAll("[^A-Za-z0-9_-]", "");
        return clean.isEmpty() ? "field-" + index : clean;
    }

    private static boolean placeholdersAllBlank(String raw, Map<String, ?> variables) {
        Matcher matcher = PLACEHOLDER.matcher(raw);
        boolean any = false;
        while (matcher.find()) {
            any = true;
            if (!value(variables, matcher.group(1)).isBlank()) {
                return false;
            }
        }
        return any;
    }

    static String substitute(String raw, Map<String, ?> variables) {
        Matcher matcher = PLACEHOLDER.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(variables, matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String value(Map<String, ?> variables, String name) {
        Object value = variables == null ? null : variables.get(name);
        return value == null ? "" : value.toString();
    }

    /** Markdown-ish: "#" lines are headings, blank lines part paragraphs, [label](url) is a link. */
    static List<FormField.TextBlock> text(String markdown) {
        List<FormField.TextBlock> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : markdown.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                flush(blocks, paragraph);
                blocks.add(new FormField.TextBlock(true, spans(trimmed.replaceFirst("^#+\\s*", ""))));
            } else if (trimmed.isEmpty()) {
                flush(blocks, paragraph);
            } else {
                if (!paragraph.isEmpty()) {
                    paragraph.append(' ');
                }
                paragraph.append(trimmed.replaceFirst("^[-*+]\\s+", ""));
            }
        }
        flush(blocks, paragraph);
        return List.copyOf(blocks);
    }

    private static void flush(List<FormField.TextBlock> blocks, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            blocks.add(new FormField.TextBlock(false, spans(paragraph.toString())));
            paragraph.setLength(0);
        }
    }

    private static List<FormField.TextSpan> spans(String line) {
        List<FormField.TextSpan> spans = new ArrayList<>();
        Matcher link = LINK.matcher(line);
        int at = 0;
        while (link.find()) {
            addText(spans, line.substring(at, link.start()));
            String label = plain(link.group(1));
            String href = link.group(2);
            boolean web = href.regionMatches(true, 0, "https://", 0, 8) || href.regionMatches(true, 0, "http://", 0, 7);
            if (web) {
                spans.add(new FormField.TextSpan(label.isBlank() ? href : label, href));
            } else {
                addText(spans, label);
            }
            at = link.end();
        }
        addText(spans, line.substring(at));
        return List.copyOf(spans);
    }

    private static void addText(List<FormField.TextSpan> spans, String text) {
        if (!text.isEmpty()) {
            spans.add(new FormField.TextSpan(plain(text), null));
        }
    }

    private static String plain(String text) {
        return EMPHASIS.matcher(text).replaceAll("$2");
    }
}
