package io.leadflow.process;

/**
 * The job the models use to route a lead with a decision table (the team of its territory, the cadence of its
 * sequence, the case study of its proposal): it evaluates {@code decision} at the version deployed with the model, on
 * the process's variables, and records on the lead's history which version and rule rows decided.
 */
public final class RoutingJob {

    public static final String TYPE = "decide-routing";

    private RoutingJob() {
    }

    public record Variables(String leadId, String decision) {
    }

    /** The decision's result as the engine gives it: a value, a list or a context. */
    public record Routed(Object routing) {
    }
}
