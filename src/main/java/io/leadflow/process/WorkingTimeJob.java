package io.leadflow.process;

/**
 * The job the models use to find a moment in the lead's working time: {@code workingHours} of working time
 * from now (0: the next working moment), in the lead's zone, skipping its country's holidays; and whether now is
 * the lead's working time, for a wait that reads it again when its timer fires (perhaps late).
 */
public final class WorkingTimeJob {

    public static final String TYPE = "due-in-working-time";

    private WorkingTimeJob() {
    }

    public record Variables(String country, String timeZone, Integer workingHours) {
    }

    /** The moment, as an ISO offset date-time in the lead's zone, and whether now is the lead's working time. */
    public record Due(String due, boolean inWorkingTime) {
    }
}
