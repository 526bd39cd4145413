package io.leadflow.tasklist.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A task form as submitted: the values typed for the engine (checklist as a list of strings,
 * checkbox as a boolean, number as a number, the rest as strings) and what is wrong with them.
 * Only keys the form declares are taken; optional fields left empty are left out, and so are fields the
 * form hides for the submitted values (e.g. the GPCTBA answers when the decision is not SQL).
 */
public record FormSubmission(Map<String, Object> values, List<String> errors) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public boolean valid() {
        return errors.isEmpty();
    }

    public static FormSubmission read(List<FormField> fields, Map<String, List<String>> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Map<String, Object> asSubmitted = asSubmitted(fields, params);
        for (FormField field : fields) {
            if (!field.isInput() || (field.hide() != null && field.hide().hides(asSubmitted))) {
                continue;
            }
            List<String> submitted = params.getOrDefault(field.key(), List.of());
            String first = submitted.isEmpty() || submitted.get(0) == null ? "" : submitted.get(0).strip();
            switch (field.type()) {
                case CHECKBOX -> {
                    boolean checked = submitted.stream().anyMatch(v -> "true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v));
                    if (field.required() && !checked) {
                        errors.add(field.label() + " must be checked.");
                    }
                    values.put(field.key(), checked);
                }
                case CHECKLIST -> {
                    List<String> chosen = submitted.stream().filter(v -> isOption(field, v)).distinct().toList();
                    if (field.required() && chosen.isEmpty()) {
                        errors.add(field.label() + ": choose at least one.");
                    }
                    values.put(field.key(), chosen);
                }
                case NUMBER -> {
                    if (first.isEmpty()) {
                        required(field, errors);
                    } else {
                        try {
                            values.put(field.key(), number(first));
                        } catch (NumberFormatException e) {
                            errors.add(field.label() + " must be a number.");
                        }
                    }
                }
                case SELECT, RADIO -> {
                    if (first.isEmpty()) {
                        required(field, errors);
                    } else if (!isOption(field, first)) {
                        errors.add(field.label() + ": choose one of the options.");
                    } else {
                        values.put(field.key(), first);
                    }
                }
                default -> {
                    String text = submitted.isEmpty() || submitted.get(0) == null ? "" : submitted.get(0);
                    if (text.isBlank()) {
                        required(field, errors);
                    } else if (field.email() && !EMAIL.matcher(text.strip()).matches()) {
                        errors.add(field.label() + " must be an email address.");
                    } else if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(text.strip()).matches()) {
                        errors.add(field.label() + " is not in the expected format.");
                    } else {
                        values.put(field.key(), field.type() == FormField.Type.TEXTFIELD ? text.strip() : text);
                    }
                }
            }
        }
        return new FormSubmission(values, List.copyOf(errors));
    }

    /** The submitted values as the forms' conditions read them: the first value of each field, checkboxes as booleans. */
    private static Map<String, Object> asSubmitted(List<FormField> fields, Map<String, List<String>> params) {
        Map<String, Object> values = new HashMap<>();
        for (FormField field : fields) {
            List<String> submitted = field.isInput() ? params.getOrDefault(field.key(), List.of()) : List.of();
            if (field.type() == FormField.Type.CHECKBOX) {
                values.put(field.key(), submitted.stream().anyMatch(v -> "true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v)));
            } else if (!submitted.isEmpty() && submitted.get(0) != null && !submitted.get(0).isBlank()) {
                values.put(field.key(), submitted.get(0).strip());
            }
        }
        return values;
    }

    private static void required(FormField field, List<String> errors) {
        if (field.required()) {
            errors.add(field.label() + " is required.");
        }
    }

    private static boolean isOption(FormField field, String value) {
        return field.options().stream().anyMatch(option -> option.value().equals(value));
    }

    private static Number number(String text) {
        BigDecimal number = new BigDecimal(text);
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            return number.doubleValue();
        }
    }
}
