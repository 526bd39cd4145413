package io.leadflow.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadflow.lead.LeadStage;

import java.util.List;

/**
 * The contract of processes/lead-identify.bpmn in one place: its id, its decision, its job types, and its
 * variables as records. The lead journey ({@link JourneyProcess}) calls it and gets back what later stages read. {@code ProcessVariablesTest} fails when the model
 * uses a name that is not declared here.
 */
public final class IdentifyProcess {

    public static final String ID = "lead-identify";
    public static final String FIT_DECISION = "lead-fit";
    /** Chooses the team whose reps take turns on the lead: its result is {@code team}. */
    public static final String ASSIGNMENT_DECISION = "lead-assignment";

    public static final String ENRICH_LEAD = "enrich-lead";
    /**
     * Evaluates {@link #FIT_DECISION} bound to the model's deployment and records the qualification on the lead: its
     * result is {@link FitDecided}.
     */
    public static final String DECIDE_FIT = "decide-fit";
    public static final String ASSIGN_REP = "assign-rep";
    public static final String NOTIFY_REP = "notify-rep";
    public static final String CREATE_CONTACT_LEAD = "create-contact-lead";
    public static final String DUE_IN_WORKING_TIME = WorkingTimeJob.TYPE;
    public static final String DECIDE_ROUTING = RoutingJob.TYPE;
    public static final String ESCALATE_SLA_BREACH = SequenceProcess.ESCALATE_SLA_BREACH;

    private IdentifyProcess() {
    }

    /**
     * An instance's variables; the ones not set yet are null (and not sent). {@code personKnown}: the lead has a
     * person to contact; without one (a visiting company, a trigger event about a company) a rep researches who.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Variables(String leadId, String leadType, String country, String timeZone, String language,
                            Boolean personKnown, Qualification qualification, String team, String owner, String taskDue) {
    }

    /** The research task's due, and the {@code breach} (RESEARCH) escalated to the rep's manager when it passes. */
    public record ResearchSla(String researchDue, String breach) {
    }

    /**
     * What enrichment found, as the fit and assignment decisions read it ({@code facts.region}; the advise stage's case
     * study, the industry); an absent fact stays null, so no rule matches on it. The rest of what enrichment found is on
     * the lead. {@code signalStrength}: the signals' weight today; {@code triggerFitsPersona}: whether the trigger event
     * is news for the lead's persona (null without one).
     */
    public record FitFacts(String role, String industry, Integer employees, String region, boolean personalEmail,
                           boolean powerSignal, int signalStrength, Boolean triggerFitsPersona) {
    }

    /**
     * What the enrich-lead job returns: the facts as one variable, {@code facts}, so the engine writes one variable at
     * each scope instead of one per fact.
     */
    public record Enriched(FitFacts facts) {
    }

    /** What the decide-fit job reads: the lead, to record the qualification on, and the facts the decision reads. */
    public record FitInputs(String leadId, FitFacts facts) {
    }

    /** The fit decision's result ({@code qualification}). */
    public record Qualification(LeadStage stage, int score, List<String> reasons) {
    }

    /**
     * What the decide-fit job returns: the fit decision's result. Which version and rules decided it goes to the lead's
     * history, not to a variable no model reads.
     */
    public record FitDecided(Qualification qualification) {
    }

    /** The company's lead ({@code leadId}) and who the rep found to contact there: the fields of research-contacts.form. */
    public record ResearchedContact(String leadId, String contactFirstName, String contactLastName, String contactEmail,
                                    String contactJobTitle) {
    }

    /** The lead the researched contact became (a lead of its own, linked to the company's). */
    public record ContactLeadCreated(String contactLeadId) {
    }

    /** Who owns the lead and when the rep's first contact is due (ISO offset date-time in the lead's zone). */
    public record Assigned(String owner, String taskDue) {
    }
}
