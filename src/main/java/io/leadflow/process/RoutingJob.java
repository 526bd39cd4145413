package io.leadflow.process;

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

    private RoutingJob() {
    }

    public record Variables(String leadId) {
    }
}
