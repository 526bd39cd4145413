package io.leadflow.process;

/**
 * The contract of processes/lead-advise.bpmn: a proposal or demo with a case study chosen for the buyer,
 * the meeting that makes an opportunity, and the deal's outcome (forms proposal and deal-outcome).
 */
public final class AdviseProcess {

    public static final String ID = "lead-advise";
    public static final String CASE_STUDY_DECISION = "case-study";
    public static final String MOVE_STAGE = StageMoveJob.TYPE;
    public static final String DUE_IN_WORKING_TIME = WorkingTimeJob.TYPE;
    public static final String DECIDE_ROUTING = RoutingJob.TYPE;
    public static final String ESCALATE_SLA_BREACH = SequenceProcess.ESCALATE_SLA_BREACH;

    private AdviseProcess() {
    }

    /**
     * {@code outcome} is "won", "lost" (with {@code lostReason}) or "nurture" (until {@code nurtureUntil}, a date). The
     * proposal is due at {@code proposalDue}, the outcome at {@code dealOutcomeDue}; a task not done by then is a
     * {@code breach} (PROPOSAL, DEAL_OUTCOME) escalated to the rep's manager.
     */
    public record Variables(String leadId, String owner, String industry, String country, CaseStudy caseStudy,
                            String caseStudyTitle, String caseStudyUrl, String meetingDate, String outcome,
                            String lostReason, String nurtureUntil, String proposalDue, String dealOutcomeDue,
                            String breach) {
    }

    /** The case-study decision's result. */
    public record CaseStudy(String caseStudyTitle, String caseStudyUrl) {
    }
}
