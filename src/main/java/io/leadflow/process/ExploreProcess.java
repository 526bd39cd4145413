package io.leadflow.process;

/**
 * The contract of processes/lead-explore.bpmn: the rep's GPCTBA/C&I qualification of an engaged lead and
 * what its decision does. The form processes/qualify-lead.form sets {@code decision} and the reasons.
 */
public final class ExploreProcess {

    public static final String ID = "lead-explore";
    public static final String MOVE_STAGE = StageMoveJob.TYPE;
    public static final String DUE_IN_WORKING_TIME = WorkingTimeJob.TYPE;
    public static final String ESCALATE_SLA_BREACH = SequenceProcess.ESCALATE_SLA_BREACH;

    private ExploreProcess() {
    }

    /**
     * {@code decision} is "sql", "nurture" or "disqualify"; the reason of the one chosen is set. A decision not taken
     * by {@code qualifyDue} is a {@code breach} (QUALIFY) escalated to the rep's manager.
     */
    public record Variables(String leadId, String owner, String replyIntent, String qualifyDue, String decision,
                            String recycleReason, String disqualifyReason, String breach) {
    }
}
