package io.leadflow.process;

/**
 * The contract of processes/lead-nurture.bpmn: awareness content at the nurture cadence until a new sign (a click, a
 * reply, a new form fill or trigger event: {@link #LEAD_ENGAGED}) ends it; the journey calls it and takes the lead
 * back to MQL. {@code ProcessVariablesTest} fails when the model uses a name not declared here.
 */
public final class NurtureProcess {

    public static final String ID = "lead-nurture";
    /** A new sign from a nurtured lead; its variables are {@link Engaged}. */
    public static final String LEAD_ENGAGED = "lead-engaged";

    /** Records that the lead is in nurture, so it can be re-enrolled by hand once: {@code Nurtures}. */
    public static final String ENTER_NURTURE = "enter-nurture";
    public static final String NURTURE_TIME = "nurture-time";
    public static final String SEND_NURTURE_EMAIL = "send-nurture-email";

    private NurtureProcess() {
    }

    /**
     * An instance's variables: the journey's {@code round} (the lead's sequences so far), the day the cadence brought
     * content ({@code nurtureDay}, which names its email), when it goes and whether that is now; {@code engagement} is
     * the sign that ended the nurture, in words; {@code nurtureUntil} the day (ISO date) the journey ends it on, null
     * for a nurture that waits for a sign only.
     */
    public record Variables(String leadId, Integer round, String nurtureDay, String nurtureAt, Boolean nurtureNow,
                            String engagement, String nurtureUntil) {

        public int sequenceRound() {
            return round == null ? 1 : round;
        }
    }

    /**
     * The nurture-time job's result: when the content goes (an ISO offset date-time in the lead's zone: the lead's
     * working time with a free slot in its rep's mailbox), and whether that is now.
     */
    public record ContentTime(String nurtureAt, boolean nurtureNow) {
    }

    /** The variables of {@link #LEAD_ENGAGED}: the sign, in words ("Link clicked: …", "Replied (NOT_NOW)", "New form fill: ebook"). */
    public record Engaged(String engagement) {
    }
}
