package io.leadflow.process;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract of processes/lead-journey.bpmn, the lead's whole way: the message that starts it, the
 * listeners that record its instance, and its variables. It calls identify, connect ({@link SequenceProcess}),
 * explore and advise, and nurture ({@link NurtureProcess}) for a lead recycled, until a new sign ({@code engagement})
 * or its date takes it back to MQL. {@code ProcessVariablesTest} fails when the model uses a name not declared here.
 */
public final class JourneyProcess {

    public static final String ID = "lead-journey";
    /** Starts one instance per lead: message id and correlation key are the lead's id. */
    public static final String LEAD_ARRIVED = "lead-arrived";

    public static final String RECORD_PROCESS_START = "record-process-start";
    public static final String RECORD_PROCESS_END = "record-process-end";
    public static final String MOVE_STAGE = StageMoveJob.TYPE;
    /** Another date for a lead nurtured until a date; its variables are {@link NurtureDateChanged}. */
    public static final String NURTURE_DATE_CHANGED = "nurture-date-changed";

    private JourneyProcess() {
    }

    /**
     * An instance's variables: what it starts with, and what the stages it calls hand back (the identify
     * process only what later stages read: the qualification, the owner and the industry, which the advise
     * stage's case study reads; each variable is copied into every stage called, so fewer are cheaper). {@code round}
     * counts the connect sequences the lead went through.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Variables(String leadId, String leadType, String country, String timeZone, String language,
                            Boolean personKnown, IdentifyProcess.Qualification qualification, String owner, String industry,
                            Integer round,
                            String sequenceExit, String replyIntent, String exploreDecision, String dealOutcome,
                            String nurtureUntil, String engagement, String referralEmail) {

        /** What a lead's instance starts with. */
        public static Variables start(String leadId, String leadType, String country, String timeZone, String language,
                                      boolean personKnown) {
            return new Variables(leadId, leadType, country, timeZone, language, personKnown, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
    }

    /** The variables of {@link #NURTURE_DATE_CHANGED}: the new day (ISO date) the nurture ends on. */
    public record NurtureDateChanged(String nurtureUntil) {
    }
}
