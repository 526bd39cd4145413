package io.leadflow.tasklist.internal;

import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Every kind of timeline entry reads as a sentence: no map dumps, keys, enum names, ids or process keys. */
class TimelineSentencesTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    /** No task is in a model: a task reads as it was recorded. */
    private static final TaskNames NO_MODELS = new TaskNames(mock(ProcessModels.class));
    private static final TimelineSentences ENGLISH = new TimelineSentences(CamundaFormRendererTest.messages(), Locale.ENGLISH, NO_MODELS);
    private static final TimelineSentences SPANISH = new TimelineSentences(CamundaFormRendererTest.messages(), Locale.forLanguageTag("es"), NO_MODELS);
    private static final String LEAD = "3f1c2a9e-6b1d-4c7e-9a51-2f0d8e7b6c41";
    private static final String AT = "2026-03-03T15:00:00Z"; // Tue 3 Mar, 10:00 in Bogotá
    private static final List<Map<String, Object>> ATTEMPTS = List.of(
            Map.of("step", 1, "channel", "CALL", "at", AT, "due", "2026-03-03T17:00:00Z"),
            Map.of("step", 2, "channel", "EMAIL", "at", "2026-03-04T14:00:00Z"));

    /** What each type's writer records (see the callers of Timeline.record). */
    private static final Map<Timeline.Type, Map<String, Object>> WRITTEN = new EnumMap<>(Map.ofEntries(
            entry(Timeline.Type.RECEIVED, Map.of("leadType", "FORM_FILL", "source", "ebook", "companyLeadId", LEAD)),
            entry(Timeline.Type.MERGED, Map.of("leadType", "FORM_FILL", "changes", Map.of("jobTitle", "CMO", "phone", "+573001234567"))),
            entry(Timeline.Type.FACTS_UPDATED, Map.of("fields", List.of("jobTitle"), "identifiedAgain", false, "because", "stage MQL")),
            entry(Timeline.Type.CONTACT_FOUND, Map.of("contactLeadId", LEAD, "email", "ana@andesnet.co")),
            entry(Timeline.Type.PROCESS_STARTED, Map.of("process", "lead-journey", "run", 1)),
            entry(Timeline.Type.PROCESS_LOST, Map.of("processInstanceKey", 2251799813685249L)),
            entry(Timeline.Type.ENRICHED, Map.of("role", "MARKETING_DIRECTOR", "signals", List.of("ACTIVITY", "BIOGRAPHY"),
                    "powerSignal", false, "personalEmail", false, "gaps", List.of("tenure"), "phoneFound", true)),
            entry(Timeline.Type.QUALIFIED, Map.of("stage", "MQL", "score", 80, "reasons", List.of("Region: LATAM", "200+ employees"))),
            entry(Timeline.Type.STAGE_CHANGED, Map.of("stage", "MQL", "reason", "lead-fit: score 80 (Region: LATAM)", "model", "lead-identify v3",
                    "decision", "lead-fit v2, rule Rule_LeadFit_Mql (A decision maker with a fit score of 70 or more is marketing qualified)")),
            entry(Timeline.Type.ASSIGNED, Map.of("team", "latam", "requestedTeam", "brazil", "overCapacity", true, "owner", "ana", "due", AT)),
            entry(Timeline.Type.REASSIGNED, Map.of("team", "latam", "from", "ana", "to", "ben")),
            entry(Timeline.Type.REP_NOTIFIED, Map.of("rep", "ana", "messageId", "<" + LEAD + "@leadflow.local>")),
            entry(Timeline.Type.SLA_BREACHED, Map.of("breach", "FIRST_ATTEMPT", "round", 1, "owner", "ana", "manager", "mia")),
            entry(Timeline.Type.SLA_KEPT, Map.of("owner", "ana", "due", AT)),
            entry(Timeline.Type.TASK_CREATED, Map.of("task", "Call", "assignee", "ana", "due", AT)),
            entry(Timeline.Type.TASK_COMPLETED, Map.of("outcome", "no-answer", "notes", "x=1 {y}", "task", "Call", "by", "ana")),
            entry(Timeline.Type.TASK_CANCELLED, Map.of("task", "Call", "reason", "the process engine's state this task belonged to is gone")),
            entry(Timeline.Type.TASKS_MOVED, Map.of("from", "ana", "to", "ben", "tasks", 2)),
            entry(Timeline.Type.SEQUENCE_PLANNED, Map.of("round", 1, "attempts", ATTEMPTS)),
            entry(Timeline.Type.SEQUENCE_PAUSED, Map.of("round", 1, "attempts", ATTEMPTS, "by", "ana", "until", "2026-03-10")),
            entry(Timeline.Type.SEQUENCE_RESUMED, Map.of("round", 2, "attempts", ATTEMPTS)),
            entry(Timeline.Type.ATTEMPT_DELAYED, Map.of("round", 1, "step", 2, "channel", "EMAIL", "from", "2026-03-03T21:55:00Z",
                    "to", "2026-03-04T14:00:00Z", "reason", "OUTSIDE_WORKING_HOURS", "timeZone", "America/Bogota", "country", "CO")),
            entry(Timeline.Type.EMAIL_SENT, Map.of("step", 2, "followUp", false, "template", "any__any__awareness.en.ftl",
                    "subject", "Ana, a quick question", "messageId", "<m1@leadflow.local>")),
            entry(Timeline.Type.EMAIL_SUPPRESSED, Map.of("step", 2)),
            entry(Timeline.Type.EMAIL_OPENED, Map.of("step", 2, "template", "any__any__awareness.en.ftl", "variant", "b")),
            entry(Timeline.Type.EMAIL_CLICKED, Map.of("step", 2, "template", "any__any__awareness.en.ftl", "url", "https://example.com/guide")),
            entry(Timeline.Type.AUTO_REPLY_IGNORED, Map.of("messageId", "<r1@x.co>", "subject", "Out of office", "reason", "OUT_OF_OFFICE",
                    "returnsOn", "2026-03-10")),
            entry(Timeline.Type.SOFT_BOUNCE_IGNORED, Map.of("messageId", "<r1@x.co>", "subject", "Delivery delayed", "deliveryStatus", "4.2.2",
                    "softBounces", 1, "softBounceLimit", 3)),
            entry(Timeline.Type.REPLIED, Map.of("messageId", "<r1@x.co>", "subject", "Re: hello", "replyIntent", "NOT_NOW",
                    "intentPhrase", "next quarter", "exit", "REPLIED")),
            entry(Timeline.Type.MEETING_BOOKED, Map.of("at", AT, "notes", "demo", "exit", "MEETING_BOOKED")),
            entry(Timeline.Type.UNSUBSCRIBED, Map.of("via", "one-click link", "exit", "UNSUBSCRIBED")),
            entry(Timeline.Type.BOUNCED, Map.of("messageId", "<r1@x.co>", "subject", "Undeliverable", "deliveryStatus", "5.1.1", "exit", "BOUNCED")),
            entry(Timeline.Type.STOPPED, Map.of("by", "ana", "reason", "talked at an event", "exit", "STOPPED")),
            entry(Timeline.Type.SEQUENCE_ENDED, Map.of("reason", "MEETING_BOOKED", "cancelledAttempts", 3)),
            entry(Timeline.Type.RECYCLED_TO_NURTURE, Map.of("reason", "no answer after the sequence")),
            entry(Timeline.Type.INCIDENT_RAISED, Map.of("incidentKey", "2251799813685249", "process", "lead-sequence",
                    "element", "Task_SendEmail", "elementName", "Send email", "errorType", "JOB_NO_RETRIES",
                    "errorMessage", "ERROR: the mail relay refuses this lead's mail", "since", AT)),
            entry(Timeline.Type.INCIDENT_RETRIED, Map.of("incidentKey", "2251799813685249", "process", "lead-sequence",
                    "element", "Task_SendEmail", "elementName", "Send email", "errorType", "JOB_NO_RETRIES",
                    "errorMessage", "ERROR: the mail relay refuses this lead's mail", "since", AT, "by", "marta", "retries", 3)),
            entry(Timeline.Type.EMAIL_FAILED, Map.of("idempotencyKey", "sequence:" + LEAD + ":1:2", "messageId", "<m1@leadflow.local>",
                    "subject", "Ana, a quick question", "error", "Invalid Addresses: 550 5.1.1 <ana@telcomex.co>: no such user",
                    "permanent", true)),
            entry(Timeline.Type.EMAIL_RETRIED, Map.of("idempotencyKey", "sequence:" + LEAD + ":1:2", "subject", "Ana, a quick question",
                    "error", "Invalid Addresses: 550 5.1.1 <ana@telcomex.co>: no such user", "by", "marta")),
            entry(Timeline.Type.ROUTED, Map.of("decisionId", "lead-assignment", "result", "latam", "model", "lead-identify v3",
                    "decision", "lead-assignment v2, rule Rule_LeadAssignment_Latam (LATAM is the LATAM team's)",
                    "decisionVersion", 2, "rules", List.of("Rule_LeadAssignment_Latam"))),
            entry(Timeline.Type.NURTURE_DATE_CHANGED, Map.of("from", "2027-03-01", "until", "2027-04-15", "by", "ana")),
            entry(Timeline.Type.REJECTED, Map.of("reason", "student", "label", "Student", "by", "ana", "stage", "DISQUALIFIED",
                    "fitRule", "lead-fit v2, rule Rule_LeadFit_Mql (A decision maker with a fit score of 70 or more is marketing qualified)"))));

    @Test
    void everyTypeHasASentenceForWhatItsWriterRecords() {
        assertThat(WRITTEN.keySet()).as("a new timeline type needs a sentence here and in TimelineSentences")
                .containsExactlyInAnyOrder(Timeline.Type.values());
        WRITTEN.forEach((type, details) -> assertReadable(type, sentence(type, details)));
    }

    @Test
    void anEntryMissingItsDetailsStillReads() {
        Arrays.stream(Timeline.Type.values()).forEach(type -> assertReadable(type, sentence(type, Map.of())));
    }

    @Test
    void timesAreInTheLeadsZone() {
        assertThat(sentence(Timeline.Type.SEQUENCE_PLANNED, WRITTEN.get(Timeline.Type.SEQUENCE_PLANNED)))
                .isEqualTo("Sequence planned: call 1 of 2 on Tue 3 Mar 10:00, email 2 of 2 on Wed 4 Mar 09:00");
        assertThat(sentence(Timeline.Type.EMAIL_SENT, WRITTEN.get(Timeline.Type.EMAIL_SENT))).isEqualTo("Email sent: Ana, a quick question");
        assertThat(sentence(Timeline.Type.STAGE_CHANGED, WRITTEN.get(Timeline.Type.STAGE_CHANGED)))
                .isEqualTo("Moved to MQL: lead-fit: score 80 (Region: LATAM); decided by lead-fit v2, rule Rule_LeadFit_Mql"
                        + " (A decision maker with a fit score of 70 or more is marketing qualified), called by lead-identify v3");
    }

    @Test
    void aRoutingSaysWhatWasChosenAndWhichRuleChoseIt() {
        assertThat(sentence(Timeline.Type.ROUTED, WRITTEN.get(Timeline.Type.ROUTED))).isEqualTo("Routed: latam; decided by "
                + "lead-assignment v2, rule Rule_LeadAssignment_Latam (LATAM is the LATAM team's), called by lead-identify v3");
    }

    @Test
    void aChangedNurtureDateSaysFromWhichDayToWhichAndWhoChangedIt() {
        assertThat(sentence(Timeline.Type.NURTURE_DATE_CHANGED, WRITTEN.get(Timeline.Type.NURTURE_DATE_CHANGED)))
                .isEqualTo("Nurture date changed from Mon 1 Mar to Thu 15 Apr by ana");
        assertThat(spanish(Timeline.Type.NURTURE_DATE_CHANGED, WRITTEN.get(Timeline.Type.NURTURE_DATE_CHANGED)))
                .isEqualTo("Fecha de nutrición cambiada del lun 1 mar al jue 15 abr por ana");
    }

    @Test
    void aDelayedAttemptSaysFromWhenToWhenAndWhy() {
        assertThat(sentence(Timeline.Type.ATTEMPT_DELAYED, WRITTEN.get(Timeline.Type.ATTEMPT_DELAYED)))
                .isEqualTo("Email (step 2) delayed from Tue 3 Mar 16:55 to Wed 4 Mar 09:00: outside working hours in Bogota");
        assertThat(sentence(Timeline.Type.ATTEMPT_DELAYED, Map.of("step", 3, "channel", "CALL", "from", "2026-01-01T15:00:00Z",
                "to", "2026-01-02T14:00:00Z", "reason", "PUBLIC_HOLIDAY", "timeZone", "America/Bogota", "country", "CO")))
                .isEqualTo("Call (step 3) delayed from Thu 1 Jan 10:00 to Fri 2 Jan 09:00: a public holiday in Colombia");
        assertThat(sentence(Timeline.Type.ATTEMPT_DELAYED, Map.of("step", 4, "channel", "SOCIAL", "from", "2026-03-06T21:00:00Z",
                "to", "2026-03-09T14:00:00Z", "reason", "WEEKEND", "timeZone", "America/Bogota", "country", "CO")))
                .isEqualTo("Social (step 4) delayed from Fri 6 Mar 16:00 to Mon 9 Mar 09:00: the weekend in Bogota");
    }

    @Test
    void aBreachSaysWhatWasLateAndWhetherItWasEscalatedAgain() {
        assertThat(sentence(Timeline.Type.SLA_BREACHED, WRITTEN.get(Timeline.Type.SLA_BREACHED)))
                .isEqualTo("First contact late for ana: manager mia alerted");
        assertThat(sentence(Timeline.Type.SLA_BREACHED, Map.of("breach", "FIRST_ATTEMPT", "owner", "ana", "manager", "mia",
                "escalation", 2))).isEqualTo("First contact late for ana: manager mia alerted again (escalation 2)");
        assertThat(sentence(Timeline.Type.SLA_BREACHED, Map.of("breach", "PROPOSAL", "owner", "ana", "manager", "mia",
                "escalation", 1))).isEqualTo("Proposal late for ana: manager mia alerted");
        assertThat(sentence(Timeline.Type.TASK_CANCELLED, Map.of("task", "SLA breach",
                "reason", "the rep made the first contact before the manager decided")))
                .isEqualTo("Task \u201cSLA breach\u201d withdrawn: the rep made the first contact before the manager decided");
    }

    @Test
    void anIncidentSaysWhereTheLeadStoppedWhyAndWhoRetriedIt() {
        assertThat(sentence(Timeline.Type.INCIDENT_RAISED, WRITTEN.get(Timeline.Type.INCIDENT_RAISED))).isEqualTo("Stopped by an "
                + "incident at Send email: ERROR: the mail relay refuses this lead's mail; a manager retries it once the cause is fixed");
        assertThat(sentence(Timeline.Type.INCIDENT_RETRIED, WRITTEN.get(Timeline.Type.INCIDENT_RETRIED)))
                .isEqualTo("Incident at Send email retried by marta");
    }

    @Test
    void aMailGivenUpSaysWhyAndWhoSentItAgain() {
        assertThat(sentence(Timeline.Type.EMAIL_FAILED, WRITTEN.get(Timeline.Type.EMAIL_FAILED))).isEqualTo("Email not sent "
                + "(\u201cAna, a quick question\u201d): the mail server refused it \u2014 Invalid Addresses: 550 5.1.1 <ana@telcomex.co>: "
                + "no such user; a manager sends it again once the cause is fixed");
        assertThat(sentence(Timeline.Type.EMAIL_FAILED, Map.of("subject", "Hola", "error", "Couldn't connect to host", "permanent", false)))
                .isEqualTo("Email not sent (\u201cHola\u201d): the mail server kept failing \u2014 Couldn't connect to host; a manager "
                        + "sends it again once the cause is fixed");
        assertThat(sentence(Timeline.Type.EMAIL_RETRIED, WRITTEN.get(Timeline.Type.EMAIL_RETRIED)))
                .isEqualTo("Email not sent (\u201cAna, a quick question\u201d) retried by marta");
        assertThat(sentence(Timeline.Type.REJECTED, WRITTEN.get(Timeline.Type.REJECTED)))
                .isEqualTo("Rejected at hand-off by ana: Student; disqualified; made an MQL by lead-fit v2, rule Rule_LeadFit_Mql"
                        + " (A decision maker with a fit score of 70 or more is marketing qualified)");
        assertThat(sentence(Timeline.Type.REJECTED, Map.of("reason", "other", "label", "Other: moved abroad", "stage", "LEAD")))
                .isEqualTo("Rejected at hand-off: Other: moved abroad; back to nurture");
    }

    @Test
    void anOutOfOfficeReplySaysWhatItPausedAndABounceItsStatus() {
        assertThat(sentence(Timeline.Type.SEQUENCE_PAUSED, Map.of("until", "2027-01-15", "reason", "OUT_OF_OFFICE",
                "returnsOn", "2027-01-14", "subject", "Respuesta automática")))
                .isEqualTo("Sequence paused until Fri 15 Jan: out-of-office reply, back Thu 14 Jan (Respuesta automática)");
        assertThat(sentence(Timeline.Type.SEQUENCE_PAUSED, Map.of("until", "2026-12-14", "reason", "OUT_OF_OFFICE")))
                .isEqualTo("Sequence paused until Mon 14 Dec: out-of-office reply with no day of return");
        assertThat(sentence(Timeline.Type.AUTO_REPLY_IGNORED, Map.of("subject", "[Ticket #4821] Re: hello")))
                .isEqualTo("Automatic reply, sequence goes on: [Ticket #4821] Re: hello");
        assertThat(sentence(Timeline.Type.SOFT_BOUNCE_IGNORED, WRITTEN.get(Timeline.Type.SOFT_BOUNCE_IGNORED)))
                .isEqualTo("Mail temporarily undeliverable (4.2.2), sequence goes on (1 of 3 soft bounces): Delivery delayed");
        assertThat(sentence(Timeline.Type.BOUNCED, Map.of("deliveryStatus", "4.2.2", "softBounces", 3, "subject", "Undelivered")))
                .isEqualTo("Email bounced: the address does not work (4.2.2), after 3 soft bounces: Undelivered");
    }

    @Test
    void anEmailDelayedByItsMailboxsLimitNamesTheMailboxAndTheLimit() {
        assertThat(sentence(Timeline.Type.ATTEMPT_DELAYED, Map.of("round", 1, "step", 2, "channel", "EMAIL", "followUp", false,
                "from", "2026-03-03T15:00:00Z", "to", "2026-03-04T14:00:00Z", "reason", "MAILBOX_DAY_LIMIT",
                "mailbox", "ana@leadflow.local", "limit", 200, "timeZone", "America/Bogota")))
                .isEqualTo("Email (step 2) delayed from Tue 3 Mar 10:00 to Wed 4 Mar 09:00: ana@leadflow.local sent its 200 emails of the day");
        assertThat(sentence(Timeline.Type.ATTEMPT_DELAYED, Map.of("round", 1, "step", 1, "channel", "EMAIL", "followUp", true,
                "from", "2026-03-03T15:20:00Z", "to", "2026-03-03T16:00:00Z", "reason", "MAILBOX_HOUR_LIMIT",
                "mailbox", "ana@leadflow.local", "limit", 50, "timeZone", "America/Bogota")))
                .isEqualTo("Follow-up email (step 1) delayed from Tue 3 Mar 10:20 to Tue 3 Mar 11:00: ana@leadflow.local sent its 50 emails of the hour");
    }

    @Test
    void aSpanishReaderReadsEveryTypeInSpanishWithDaysAndCountriesInSpanish() {
        WRITTEN.forEach((type, details) -> assertReadable(type, spanish(type, details)));
        Arrays.stream(Timeline.Type.values()).forEach(type -> assertReadable(type, spanish(type, Map.of())));
        assertThat(spanish(Timeline.Type.SEQUENCE_PLANNED, WRITTEN.get(Timeline.Type.SEQUENCE_PLANNED)))
                .isEqualTo("Secuencia planificada: llamada 1 de 2 el mar 3 mar 10:00, correo 2 de 2 el mié 4 mar 09:00");
        assertThat(spanish(Timeline.Type.ATTEMPT_DELAYED, Map.of("step", 3, "channel", "CALL", "from", "2026-01-01T15:00:00Z",
                "to", "2026-01-02T14:00:00Z", "reason", "PUBLIC_HOLIDAY", "timeZone", "America/Bogota", "country", "CO")))
                .isEqualTo("Llamada (paso 3) se aplazó del jue 1 ene 10:00 al vie 2 ene 09:00: día festivo en Colombia");
        assertThat(spanish(Timeline.Type.TASK_COMPLETED, WRITTEN.get(Timeline.Type.TASK_COMPLETED)))
                .isEqualTo("Tarea \u201cCall\u201d hecha por ana: no contestó");
        assertThat(spanish(Timeline.Type.REPLIED, WRITTEN.get(Timeline.Type.REPLIED)))
                .isEqualTo("Respondió (ahora no): Re: hello \u2014 \u201cnext quarter\u201d");
        assertThat(spanish(Timeline.Type.SLA_BREACHED, WRITTEN.get(Timeline.Type.SLA_BREACHED)))
                .isEqualTo("Primer contacto con retraso para ana: avisado el responsable mia");
    }

    @Test
    void aTypeNoLongerWrittenReadsAsWords() {
        assertThat(ENGLISH.of(new Timeline.Entry("CALL_LOGGED", Instant.EPOCH, Map.of("a", 1)), BOGOTA)).isEqualTo("Call logged");
    }

    private static String sentence(Timeline.Type type, Map<String, Object> details) {
        return ENGLISH.of(new Timeline.Entry(type.name(), Instant.EPOCH, details), BOGOTA);
    }

    private static String spanish(Timeline.Type type, Map<String, Object> details) {
        return SPANISH.of(new Timeline.Entry(type.name(), Instant.EPOCH, details), BOGOTA);
    }

    private static void assertReadable(Timeline.Type type, String sentence) {
        assertThat(sentence).as(type.name()).isNotBlank()
                .doesNotContain("{", "=", LEAD, "2251799813685249", "messageId", "@leadflow.local", type.name())
                .doesNotContainPattern("[A-Z]{2,}_[A-Z]+")
                .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");
    }
}
