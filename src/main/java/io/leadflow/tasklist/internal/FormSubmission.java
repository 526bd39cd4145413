package io.leadflow.tasklist.internal;

import io.leadflow.platform.EmailAddress;
import io.leadflow.platform.PageMessage;
import org.springframework.context.MessageSourceResolvable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A task form as submitted: the values typed for the engine (checklist as a list of strings,
 * checkbox as a boolean, number as a number, the rest as strings) and what is wrong with them (in the reader's language
 * when the page renders).
 * Only keys the form declares are taken; optional fields left empty are left out, and so are fields the
 * form hides for the submitted values (e.g. the GPCTBA answers when the decision is not SQL).
 */
public record FormSubmission(Map<String, Object> values, List<MessageSourceResolvable> errors) {

    private static final Pattern UNICODE_SPACE_AROUND = Pattern.compile("^[\\p{Z}\\p{Cf}\\s]+|[\\p{Z}\\p{Cf}\\s]+$");

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Reads the submission on {@code today}, the lead's day, against which date answers are checked. */
    public static FormSubmission read(LocalDate today, List<FormField> fields, Map<String, List<String>> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<MessageSourceResolvable> errors = new ArrayList<>();
        Set<String> hidden = hidden(fields, params);
        for (FormField field : fields) {
            if (!field.isInput() || hidden.contains(field.key())) {
                continue;
            }
            List<String> submitted = params.getOrDefault(field.key(), List.of());
            String first = submitted.isEmpty() ? "" : answer(submitted.get(0));
            switch (field.type()) {
                case CHECKBOX -> {
                    boolean checked = submitted.stream().anyMatch(v -> "true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v));
                    if (field.required() && !checked) {
                        errors.add(PageMessage.of("task.form.mustBeChecked", field.label()));
                    }
                    values.put(field.key(), checked);
                }
                case CHECKLIST -> {
                    List<String> chosen = submitted.stream().filter(v -> isOption(field, v)).distinct().toList();
                    if (field.required() && chosen.isEmpty()) {
                        errors.add(PageMessage.of("task.form.chooseAtLeastOne", field.label()));
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
                            errors.add(PageMessage.of("task.form.notANumber", field.label()));
                        }
                    }
                }
                case SELECT, RADIO -> {
                    if (first.isEmpty()) {
                        required(field, errors);
                    } else if (!isOption(field, first)) {
                        errors.add(PageMessage.of("task.form.notAnOption", field.label()));
                    } else {
                        values.put(field.key(), first);
                    }
                }
                default -> {
                    String text = submitted.isEmpty() || submitted.get(0) == null ? "" : submitted.get(0);
                    if (first.isEmpty()) {
                        required(field, errors);
                    } else if (field.email() && !EmailAddress.Validator.matches(first)) {
                        errors.add(PageMessage.of("task.form.notAnEmail", field.label()));
                    } else if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(first).matches()) {
                        errors.add(PageMessage.of("task.form.notTheFormat", field.label()));
                    } else if (field.date() != null && dateError(field, first, today) != null) {
                        errors.add(dateError(field, first, today));
                    } else {
                        values.put(field.key(), field.type() == FormField.Type.TEXTFIELD ? first : text);
                    }
                }
            }
        }
        return new FormSubmission(values, List.copyOf(errors));
    }

    /**
     * The keys of the input fields the form hides for these values (its {@code conditional.hide} rules), as the page
     * shows and hides them while the rep answers, and as a submission leaves them out.
     */
    public static Set<String> hidden(List<FormField> fields, Map<String, List<String>> params) {
        Map<String, Object> asSubmitted = asSubmitted(fields, params);
        return fields.stream().filter(field -> field.isInput() && field.hide() != null && field.hide().hides(asSubmitted))
                .map(FormField::key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The submitted values as the forms' conditions read them: the first value of each field, checkboxes as booleans. */
    private static Map<String, Object> asSubmitted(List<FormField> fields, Map<String, List<String>> params) {
        Map<String, Object> values = new HashMap<>();
        for (FormField field : fields) {
            List<String> submitted = field.isInput() ? params.getOrDefault(field.key(), List.of()) : List.of();
            if (field.type() == FormField.Type.CHECKBOX) {
                values.put(field.key(), submitted.stream().anyMatch(v -> "true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v)));
            } else if (!submitted.isEmpty() && !answer(submitted.get(0)).isEmpty()) {
                values.put(field.key(), answer(submitted.get(0)));
            }
        }
        return values;
    }

    /**
     * The text without the space around it, in any of Unicode's forms (a no-break space, a thin space, a zero-width
     * one…), which {@link String#strip()} keeps: an answer of only such spaces is no answer.
     */
    static String answer(String text) {
        return text == null ? "" : UNICODE_SPACE_AROUND.matcher(text).replaceAll("");
    }

    /** What is wrong with a date answer for what it is about, or null. */
    private static MessageSourceResolvable dateError(FormField field, String answer, LocalDate today) {
        LocalDate day;
        try {
            day = LocalDate.parse(answer);
        } catch (DateTimeParseException e) {
            return PageMessage.of("task.form.notADate", field.label());
        }
        return switch (field.date()) {
            case PAST -> day.isAfter(today) ? PageMessage.of("task.form.afterToday", field.label(), today.toString()) : null;
            case FUTURE -> day.isAfter(today) ? null : PageMessage.of("task.form.notAfterToday", field.label(), today.toString());
        };
    }

    private static void required(FormField field, List<MessageSourceResolvable> errors) {
        if (field.required()) {
            errors.add(PageMessage.of("task.form.required", field.label()));
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
