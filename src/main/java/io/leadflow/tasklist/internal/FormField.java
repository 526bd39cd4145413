package io.leadflow.tasklist.internal;

import java.util.List;

/**
 * One component of a Camunda form, as the task page shows it. Static text comes as blocks of plain
 * text (escaped when rendered); input fields carry their key, options and whether they are required.
 */
public record FormField(
        Type type,
        String id,
        String key,
        String label,
        boolean required,
        boolean email,
        List<Option> options,
        List<TextBlock> text,
        String pattern,
        FormCondition hide,
        DateMeaning date) {

    public enum Type {
        TEXTFIELD, TEXTAREA, NUMBER, SELECT, RADIO, CHECKBOX, CHECKLIST, TEXT;

        public String getName() {
            return name().toLowerCase();
        }
    }

    /**
     * What a date answer (YYYY-MM-DD, a component's custom property {@code date}) is about: a day that has been (the
     * meeting held: today at the latest) or one to come (nurture until: after today); null when the field is no date.
     */
    public enum DateMeaning { PAST, FUTURE }

    public record Option(String label, String value) {
    }

    /** A heading or a paragraph of static text. */
    public record TextBlock(boolean heading, List<TextSpan> spans) {
    }

    /** Plain text, or a link when href is set (only http and https links are kept). */
    public record TextSpan(String text, String href) {
    }

    /**
     * Required whatever else is chosen; a field the form hides for some answers (e.g. the GPCTBA answers unless the
     * decision is SQL) is required only when it applies, which the server checks: the browser must not insist.
     */
    public boolean isAlwaysRequired() {
        return required && hide == null;
    }

    public boolean isInput() {
        return type != Type.TEXT;
    }

    /** The type name for templates: "textfield", "radio", ... */
    public String getKind() {
        return type.getName();
    }
}
