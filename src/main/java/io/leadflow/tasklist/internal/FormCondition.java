package io.leadflow.tasklist.internal;

import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

import java.util.Map;

/**
 * A form component's {@code conditional.hide} FEEL expression (e.g. {@code =decision != "sql"}), evaluated
 * with the engine's own FEEL implementation against the values the rep submitted: a hidden field is neither
 * required nor kept, as in Camunda's task list.
 */
record FormCondition(String expression) {

    private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

    /** The condition of a component, or null when it has none. */
    static FormCondition of(String hide) {
        return hide == null || hide.isBlank() ? null : new FormCondition(hide.strip().replaceFirst("^=", ""));
    }

    /** True when the field is hidden for these values; an expression that fails to evaluate hides nothing. */
    boolean hides(Map<String, Object> values) {
        EvaluationResult result = FEEL.evaluateExpression(expression, values);
        return result.isSuccess() && Boolean.TRUE.equals(result.result());
    }
}
