package io.leadflow.process;

/**
 * The contract of processes/lead-explore.bpmn: the rep's GPCTBA/C&I qualification of an engaged lead and
 * what its decision does. The form processes/qualify-lead.form sets {@code decision} and the reasons.
 */
public final class ExploreProcess {

    public static final String ID = "lead-explore";
    public static final String MOVE_STAGE = StageMoveJob.TYPE;
    public static final String DUE_IN_WORKING_TIME = WorkingTimeJob.TYPE;

    private ExploreProcess() {
    }

    /** {@code decision} is "sql", "nurture" or "disqualify"; the reason of the one chosen is set. */
    public record Variables(String leadId, String owner, String replyIntent, String qualifyDue, String decision,
                            String recycleReason, String disqualifyReason) {
    }
}
