package io.leadflow.engine.embedded;

import java.util.regex.Pattern;

/**
 * Which FEEL expressions the embedded engine evaluates on its own thread: those whose time is bounded by the size of
 * the variables they read. An expression that iterates ({@code for}, {@code some}, {@code every}, a range), defines a
 * function (which may recurse) or runs a regular expression (which may backtrack for ever) could run away, so it keeps
 * Zeebe's evaluation on a thread of its own with a timeout. The check reads the text, string literals included: a
 * word in a literal only costs that expression the slower, guarded way.
 */
public final class BoundedExpressions {

    private static final Pattern MAY_RUN_AWAY = Pattern.compile(
            "\\b(for|some|every|function)\\b|\\.\\.|\\b(matches|replace|split)\\s*\\(");

    private BoundedExpressions() {
    }

    public static boolean isBounded(String expression) {
        return expression != null && !MAY_RUN_AWAY.matcher(expression).find();
    }
}
