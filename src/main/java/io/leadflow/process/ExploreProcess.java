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
    public static final String CREATE_REFERRAL_LEAD = "create-referral-lead";

    private ExploreProcess() {
    }

    /**
     * {@code decision} is "sql", "nurture" or "disqualify"; the reason of the one chosen is set, and "not-now" has
     * {@code nurtureUntil} (a date). A reply that says WRONG_PERSON or NOT_INTERESTED ({@code replyIntent}) is routed
     * without a decision; WRONG_PERSON's {@code referralEmail} (who the reply says to talk to) fills in "Find who signs".
     * A decision not taken by {@code qualifyDue} is a {@code breach} (QUALIFY) escalated to the rep's manager.
     */
    public record Variables(String leadId, String owner, String replyIntent, String referralEmail, String qualifyDue,
                            String decision, String recycleReason, String nurtureUntil, String disqualifyReason,
                            String breach) {
    }

    /** Who signs, as the rep found them (find-who-signs.form), for the lead ({@code leadId}) that introduces them. */
    public record Signer(String leadId, String signerFirstName, String signerLastName, String signerEmail,
                         String signerJobTitle) {
    }

    /** The referral lead who signs became. */
    public record ReferralLeadCreated(String referralLeadId) {
    }
}
