package io.leadflow.process;

import java.util.Map;

/**
 * The job the models use to route a lead with a decision table (the team of its territory, the cadence of its
 * sequence, the case study of its proposal): it evaluates the decision its task names at the version deployed with the
 * model, on the process's variables, records on the lead's history which version and rule rows decided, and sets the
 * task's result variable to what it chose. The task names both in headers, as the engine's own business rule task
 * names them in attributes: constants, so the engine writes no variable and evaluates no expression for them.
 */
public final class RoutingJob {

    public static final String TYPE = "decide-routing";
    /** The header naming the decision table, e.g. {@code lead-assignment}. */
    public static final String DECISION_HEADER = "decision";
    /** The header naming the process variable the decision's result goes to, e.g. {@code team}. */
    public static final String RESULT_VARIABLE_HEADER = "resultVariable";
    /** The input a task of a model deployed before these headers named its decision in. */
    public static final String EARLIER_DECISION_INPUT = "decision";
    /** Where a task of a model deployed before these headers wanted the result: its output mapping read it from there. */
    private static final String EARLIER_RESULT_VARIABLE = "routing";

    private RoutingJob() {
    }

    /**
     * The job's variables. {@code decision} is set only by a task of a model deployed before the headers (its input
     * mapping named the decision); an instance started on such a model still routes when it reaches that task.
     */
    public record Variables(String leadId, String decision) {
    }

    /** The decision the task names: its header, else (a model deployed before the headers) its input. */
    public static String decision(Map<String, String> headers, String decisionInput) {
        return headers.getOrDefault(DECISION_HEADER, decisionInput);
    }

    /** The variable the result goes to: the task's header, else where a model deployed before the headers read it. */
    public static String resultVariable(Map<String, String> headers) {
        return headers.getOrDefault(RESULT_VARIABLE_HEADER, EARLIER_RESULT_VARIABLE);
    }
}
