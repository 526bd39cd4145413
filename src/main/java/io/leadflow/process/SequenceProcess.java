package io.leadflow.process;

import java.util.List;

/**
 * The contract of processes/lead-sequence.bpmn in one place: its id, the messages that end it, its
 * job types and its variables. It is called by the identify process and sees its variables.
 * {@code ProcessVariablesTest} fails when the model uses a name that is not declared here.
 */
public final class SequenceProcess {

    public static final String ID = "lead-sequence";
    public static final String CADENCE_DECISION = "sequence-cadence";
    /** The user task the rep is told about at hand-off. */
    public static final String FIRST_CONTACT_TASK = "Task_FirstContact";
    /** The form of the tasks that are a call to the lead (first contact, follow-up call). */
    public static final String CALL_FORM = "call-outcome";

    /**
     * A reply, a booked meeting, an unsubscribe, a bounce or a rep's stop ends the sequence: one message, with the
     * {@link Exit} or {@link ReplyExit} that says which.
     */
    public static final String SEQUENCE_EXIT = "sequence-exit";
    /** The lead's plan changed (a pause or its end): an attempt waiting for its time reads it again. */
    public static final String SEQUENCE_RESCHEDULED = "sequence-rescheduled";
    /** The first contact task closed (made, or withdrawn): a manager's pending decision on its breach is moot. */
    public static final String FIRST_CONTACT_CLOSED = "first-contact-closed";

    public static final String PLAN_SEQUENCE = "plan-sequence";
    public static final String ATTEMPT_TIME = "attempt-time";
    public static final String FOLLOW_UP_TIME = "follow-up-time";
    public static final String SEND_SEQUENCE_EMAIL = "send-sequence-email";
    public static final String SEND_CONNECTED_CALL_EMAIL = "send-connected-call-email";
    public static final String RECYCLE_TO_NURTURE = "recycle-to-nurture";
    public static final String RECORD_SEQUENCE_EXIT = "record-sequence-exit";
    public static final String ESCALATE_SLA_BREACH = "escalate-sla-breach";
    public static final String KEEP_OWNER = "keep-owner";
    public static final String REASSIGN_LEAD = "reassign-lead";
    public static final String REJECT_LEAD = "reject-lead";
    /** A call's outcome that hands the lead back to marketing, with {@link Rejection}. */
    public static final String REJECTED = "rejected";
    public static final String FIRST_CONTACT_OPEN = "first-contact-open";
    public static final String WITHDRAW_SLA_DECISION = "withdraw-sla-decision";
    public static final String WITHDRAW_FIRST_CONTACT = "withdraw-first-contact";
    public static final String DUE_IN_WORKING_TIME = WorkingTimeJob.TYPE;
    public static final String DECIDE_ROUTING = RoutingJob.TYPE;

    private SequenceProcess() {
    }

    /**
     * An instance's variables: {@code round} counts the lead's sequences (a lead nurtured after a proposal
     * comes back for another), {@code attempt} is the one the multi-instance body is at (read again from the lead's
     * plan when its time came: a pause moves it, and so does a moment that passed outside the lead's working time),
     * {@code attemptOpenAt} when it opens and {@code attemptOpen} whether it is open now (each attempt's own, set at
     * its turn from its plan). A call not answered is followed up by email at {@code followUpAt}, the lead's working
     * time with a free slot in the rep's mailbox ({@code followUpInWorkingTime}: it is now). The task forms set
     * {@code outcome} (calls, social touches) and {@code action} (social touches).
     * {@code sequenceExit} tells the journey why the sequence ended early (null: it ran out), with the reply's
     * {@code replyIntent}. A late first attempt is a {@code breach} escalated to the owner's {@code manager}, whose
     * {@code slaDecision} is "keep" or "reassign" ({@link SlaBreach}). A call whose outcome is "rejected" hands the lead
     * back to marketing with the form's {@code rejectionReason} and {@code rejectionOther}, kept as {@code rejection}.
     */
    public record Variables(String leadId, String leadType, String owner, Integer round, List<CadenceRow> cadence,
                            List<Attempt> attempts, Attempt attempt, String attemptOpenAt, Boolean attemptOpen,
                            Boolean followUp, String followUpAt, Boolean followUpInWorkingTime, String outcome,
                            String action, String lastSocialAction, List<AttemptOutcome> attemptOutcomes,
                            String exitReason, String sequenceExit, String replyIntent, String breach,
                            String manager, String slaDecision, String rejectionReason, String rejectionOther,
                            Rejection rejection) {

        /** The lead's sequence this is: a sequence called before rounds were counted is the lead's first. */
        public int sequenceRound() {
            return round == null ? 1 : round;
        }
    }

    /**
     * A first attempt's breach as the manager's event sub-process holds it: {@code slaEscalation} counts its escalations
     * (a kept or reassigned lead missed again), the manager's task is due at {@code slaDecisionDue}, keep and reassign
     * give the first contact a new {@code firstContactDue}, when a call still open ({@code firstContactOpen}) goes to
     * the manager again; {@code firstContactClosed} is how the first contact closed (a {@link #FIRST_CONTACT_CLOSED}
     * message's).
     */
    public record SlaBreach(String leadId, Integer slaEscalation, String slaDecisionDue, String firstContactDue,
                            Boolean firstContactOpen, String firstContactClosed) {
    }

    /** The escalation's result: who decides, and the first attempt's escalations so far (null for another breach). */
    public record Escalated(String manager, Integer slaEscalation) {
    }

    /** The kept lead's result: when its first contact is due now, an ISO offset date-time in the lead's zone. */
    public record Kept(String firstContactDue) {
    }

    /** The reassignment's result: the lead's new owner, for the tasks still to come, and the first contact's fresh due. */
    public record Reassigned(String owner, String firstContactDue) {
    }

    /** Whether the lead's first contact is still waiting for the rep. */
    public record FirstContactOpen(boolean firstContactOpen) {
    }

    /** Sent with {@link #FIRST_CONTACT_CLOSED}: COMPLETED (the rep recorded the call) or CANCELLED (it was withdrawn). */
    public record FirstContactClosed(String firstContactClosed) {
    }

    /** A row of the cadence decision: attempt number, channel (EMAIL, CALL, SOCIAL), day counted from the start. */
    public record CadenceRow(int step, String channel, int dayOffset) {
    }

    /**
     * A planned attempt, its times as ISO offset date-times in the lead's zone: {@code closeAt} is when a first
     * call not made is given up (when the next attempt is due, not before the end of the working day after its due).
     * {@code opensAtOnce}: its task opens as soon as its turn comes (a call or social touch first in its round); any
     * other waits for {@code at} and is read again then ({@link AttemptTime}): a pause may have moved it since it was
     * planned.
     */
    public record Attempt(int step, String channel, String at, String due, String sameDayEnd, String closeAt,
                          boolean opensAtOnce) {
    }

    /**
     * The attempt-time job's result, set on the attempt as it is (no output mapping: each is one of the attempt's own
     * variables): the attempt as the lead's plan has it now, when it opens (an ISO offset date-time in the lead's zone)
     * and whether it is open now; one that is not waits for attemptOpenAt, then is read again.
     */
    public record AttemptTime(Attempt attempt, String attemptOpenAt, boolean attemptOpen) {
    }

    /**
     * The follow-up-time job's result: when the follow-up email of a missed call goes (an ISO offset date-time in the
     * lead's zone: the lead's working time and a free slot in the rep's mailbox), and whether that is now.
     */
    public record FollowUpTime(String at, boolean sendNow) {
    }

    /** What became of a call or social attempt. */
    public record AttemptOutcome(int step, String channel, String outcome) {
    }

    /** The plan-sequence job's result. */
    public record Planned(List<Attempt> attempts) {
    }

    /** Why the rep handed the lead back: a reason code of the configured list, and the text of "other". */
    public record Rejection(String reason, String other) {
    }

    /**
     * Why the sequence ended, sent with {@link #SEQUENCE_EXIT}: REPLIED, MEETING_BOOKED, UNSUBSCRIBED, BOUNCED or STOPPED
     * (the first two make the lead ready for explore).
     */
    public record Exit(String exitReason) {
    }

    /**
     * Why the sequence ended (REPLIED), and what the lead's reply means, sent with {@link #SEQUENCE_EXIT}: {@code replyIntent}
     * is INTERESTED, NOT_NOW, NOT_INTERESTED or WRONG_PERSON (a reply asking to stop unsubscribes the lead instead);
     * {@code referralEmail}, for WRONG_PERSON, the address the reply gives of who to talk to (null when it gives none);
     * {@code nurtureUntil}, for NOT_NOW, the day (ISO date) the reply's words say to come back (null when they name none).
     */
    public record ReplyExit(String exitReason, String replyIntent, String referralEmail, String nurtureUntil) {
    }
}
