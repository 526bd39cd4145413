package io.leadflow.tasklist.internal;

import io.leadflow.lead.Timeline;
import org.springframework.context.MessageSource;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place the task list turns a timeline entry into a sentence a rep reads, in the reader's language (the
 * {@code timeline.*} messages): what happened, with times in the lead's zone, never the stored keys, enum names, ids or
 * process keys. The switch covers every {@link Timeline.Type}, so a new type does not compile without its sentence; a
 * type no longer written still reads as words. What people typed or a model named (a reason, a subject, a rule) stays
 * as it was written.
 */
final class TimelineSentences {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM");

    private final MessageSource messages;
    private final Locale language;
    private final TaskNames taskNames;

    TimelineSentences(MessageSource messages, Locale language, TaskNames taskNames) {
        this.messages = messages;
        this.language = language;
        this.taskNames = taskNames;
    }

    String of(Timeline.Entry entry, ZoneId zone) {
        Details d = new Details(entry.details() == null ? Map.of() : entry.details(), zone);
        Timeline.Type type = Arrays.stream(Timeline.Type.values()).filter(t -> t.name().equals(entry.type())).findFirst().orElse(null);
        if (type == null) {
            return capitalised(words(entry.type()));
        }
        return switch (type) {
            case RECEIVED -> t("timeline.received", d.has("leadType") ? word(d.raw("leadType")) : t("timeline.aLead"))
                    + d.with("source", "timeline.from") + (d.has("companyLeadId") ? t("timeline.received.forAVisitingCompany") : "");
            case MERGED -> t("timeline.merged", d.has("leadType") ? word(d.raw("leadType")) : t("timeline.aLead"))
                    + d.with("source", "timeline.from") + (d.map("changes").isEmpty() ? t("timeline.merged.nothingNew")
                    : t("timeline.merged.new", fieldNames(d.map("changes").keySet())));
            case FACTS_UPDATED -> t("timeline.factsUpdated", fieldNames(d.list("fields"))) + (d.flag("identifiedAgain")
                    ? t("timeline.factsUpdated.fitDecidedAgain") : d.with("because", "timeline.factsUpdated.fitStays"));
            case CONTACT_FOUND -> t("timeline.contactFound") + d.with("email", "timeline.colon");
            case PROCESS_STARTED -> t("timeline.processStarted");
            case PROCESS_LOST -> t("timeline.processLost");
            case ENRICHED -> t("timeline.enriched", d.has("role") ? role(d.text("role", "")) : t("timeline.enriched.roleUnknown"))
                    + (d.list("signals").isEmpty() ? "" : t("timeline.enriched.signals", words(d.list("signals"))))
                    + d.with("signalStrength", "timeline.enriched.weighing")
                    + (d.flag("powerSignal") ? t("timeline.enriched.enoughToActOn") : "")
                    + (d.list("gaps").isEmpty() ? "" : t("timeline.enriched.unknown", fieldNames(d.list("gaps"))))
                    + (d.flag("phoneFound") ? t("timeline.enriched.phoneFound") : "")
                    + (d.flag("companyFound") ? t("timeline.enriched.companyFound") : "");
            case QUALIFIED -> t("timeline.qualified", d.has("stage") ? word(d.raw("stage")) : "?") + d.with("score", "timeline.qualified.score")
                    + (d.list("reasons").isEmpty() ? "" : " (" + String.join(", ", d.list("reasons")) + ")")
                    + d.with("decision", "timeline.decidedBy");
            case ROUTED -> t("timeline.routed", d.text("result", "?")) + d.with("decision", "timeline.decidedBy")
                    + d.with("model", "timeline.calledBy");
            case STAGE_CHANGED -> t("timeline.stageChanged", d.has("stage") ? word(d.raw("stage")) : t("timeline.anotherStage"))
                    + d.with("reason", "timeline.colon") + d.with("decision", "timeline.decidedBy") + d.with("model", "timeline.calledBy");
            case ASSIGNED -> t("timeline.assigned", d.text("owner", t("timeline.aRep"))) + d.with("team", "timeline.team")
                    + d.with("requestedTeam", "timeline.assigned.requestedTeam")
                    + (d.flag("overCapacity") ? t("timeline.assigned.overCapacity") : "") + d.time("due", "timeline.assigned.due");
            case REASSIGNED -> t("timeline.reassigned", d.text("from", t("timeline.aRep")), d.text("to", t("timeline.anotherRep")))
                    + d.with("team", "timeline.team");
            case REP_NOTIFIED -> d.has("rep") ? t("timeline.repNotified", d.text("rep", "")) : t("timeline.repNotified.theRep");
            case SLA_BREACHED -> breach(d.raw("breach")) + d.with("owner", "timeline.for")
                    + d.with("manager", "timeline.slaBreached.managerAlerted")
                    + (d.has("escalation") && !"1".equals(d.text("escalation", "1")) ? t("timeline.slaBreached.again", d.text("escalation", "")) : "");
            case SLA_KEPT -> t("timeline.slaKept", d.text("owner", t("timeline.itsRep"))) + d.time("due", "timeline.slaKept.due");
            case TASK_CREATED -> t("timeline.taskCreated", task(d)) + d.with("assignee", "timeline.for")
                    + d.time("due", "timeline.taskCreated.due");
            case TASK_COMPLETED -> t("timeline.taskCompleted", task(d)) + d.with("by", "timeline.by")
                    + (d.has("outcome") ? t("timeline.colon", word(d.raw("outcome"))) : d.has("action") ? t("timeline.colon", word(d.raw("action"))) : "");
            case TASK_CANCELLED -> t("timeline.taskCancelled", task(d)) + d.with("reason", "timeline.colon");
            case TASKS_MOVED -> t("timeline.tasksMoved", d.text("tasks", "?"), d.text("from", t("timeline.aRep")), d.text("to", t("timeline.anotherRep")));
            case SEQUENCE_PLANNED -> t("timeline.sequencePlanned") + round(d) + attempts(d, "timeline.attempts.planned");
            case SEQUENCE_PAUSED -> t("timeline.sequencePaused") + d.with("by", "timeline.by") + d.day("until", "timeline.until")
                    + (outOfOffice(d) ? t("timeline.sequencePaused.outOfOffice") + (d.has("returnsOn") ? d.day("returnsOn", "timeline.back")
                    : t("timeline.sequencePaused.noDayOfReturn")) + d.with("subject", "timeline.inBrackets") : "") + attempts(d, "timeline.attempts.then");
            case SEQUENCE_RESUMED -> t("timeline.sequenceResumed") + d.with("by", "timeline.by") + attempts(d, "timeline.attempts.resumed");
            case ATTEMPT_DELAYED -> (d.flag("followUp") ? t("timeline.followUpEmail") : capitalised(d.has("channel") ? word(d.raw("channel"))
                    : t("timeline.attempt"))) + d.with("step", "timeline.step") + t("timeline.attemptDelayed")
                    + d.time("from", "timeline.attemptDelayed.from") + d.time("to", "timeline.attemptDelayed.to") + whyDelayed(d);
            case EMAIL_SENT -> t(d.flag("afterConnectedCall") ? "timeline.emailSent.afterTheCall" : d.flag("followUp") ? "timeline.emailSent.followUp"
                    : "timeline.emailSent", d.text("subject", ""));
            case EMAIL_SUPPRESSED -> t("timeline.email") + d.with("step", "timeline.stepNumber") + t("timeline.emailSuppressed");
            case EMAIL_OPENED -> t("timeline.email") + d.with("step", "timeline.step") + t("timeline.emailOpened");
            case EMAIL_CLICKED -> t("timeline.emailClicked") + d.with("step", "timeline.step") + d.with("url", "timeline.colon");
            case AUTO_REPLY_IGNORED -> (outOfOffice(d) ? t("timeline.outOfOfficeReply") + d.day("returnsOn", "timeline.back")
                    + t("timeline.autoReplyIgnored.notPaused") : t("timeline.autoReplyIgnored")) + d.with("subject", "timeline.colon");
            case SOFT_BOUNCE_IGNORED -> t("timeline.softBounceIgnored") + d.with("deliveryStatus", "timeline.inBrackets")
                    + t("timeline.sequenceGoesOn")
                    + (d.has("softBounces") ? (d.has("softBounceLimit") ? t("timeline.softBounceIgnored.ofLimit", d.text("softBounces", ""),
                    d.text("softBounceLimit", "")) : t("timeline.softBounceIgnored.count", d.text("softBounces", ""))) : "")
                    + d.with("subject", "timeline.colon");
            case REPLIED -> t("timeline.replied") + (d.has("replyIntent") ? t("timeline.inBrackets", word(d.raw("replyIntent"))) : "")
                    + d.with("subject", "timeline.colon") + d.with("intentPhrase", "timeline.replied.phrase");
            case MEETING_BOOKED -> t("timeline.meetingBooked") + d.time("at", "timeline.for") + d.with("notes", "timeline.colon");
            case UNSUBSCRIBED -> t("timeline.unsubscribed") + d.with("via", "timeline.unsubscribed.via");
            case BOUNCED -> t("timeline.bounced") + d.with("deliveryStatus", "timeline.inBrackets")
                    + d.with("softBounces", "timeline.bounced.afterSoftBounces") + d.with("subject", "timeline.colon");
            case STOPPED -> t("timeline.stopped") + d.with("by", "timeline.by") + d.with("reason", "timeline.colon");
            case SEQUENCE_ENDED -> t("timeline.sequenceEnded") + (d.has("reason") ? t("timeline.inBrackets", word(d.raw("reason"))) : "")
                    + d.with("cancelledAttempts", "timeline.sequenceEnded.cancelled");
            case RECYCLED_TO_NURTURE -> t("timeline.recycledToNurture") + d.with("reason", "timeline.colon");
            case NURTURE_DATE_CHANGED -> t("timeline.nurtureDateChanged") + d.day("from", "timeline.nurtureDateChanged.from")
                    + d.day("until", "timeline.nurtureDateChanged.to")
                    + d.with("by", "timeline.by");
            case INCIDENT_RAISED -> t("timeline.incidentRaised", d.text("elementName", t("timeline.aStep"))) + d.with("errorMessage", "timeline.colon")
                    + t("timeline.incidentRaised.retry");
            case INCIDENT_RETRIED -> t("timeline.incidentRetried", d.text("elementName", t("timeline.aStep"))) + d.with("by", "timeline.by");
            case EMAIL_FAILED -> t("timeline.emailNotSent") + d.with("subject", "timeline.quoted")
                    + t(d.flag("permanent") ? "timeline.emailFailed.refused" : "timeline.emailFailed.keptFailing")
                    + d.with("error", "timeline.dash") + t("timeline.emailFailed.sendAgain");
            case REJECTED -> t("timeline.rejected") + d.with("by", "timeline.by") + d.with("label", "timeline.colon")
                    + t("DISQUALIFIED".equals(d.raw("stage")) ? "timeline.rejected.disqualified" : "timeline.rejected.backToNurture")
                    + d.with("fitRule", "timeline.rejected.fitRule");
            case EMAIL_RETRIED -> t("timeline.emailNotSent") + d.with("subject", "timeline.quoted") + t("timeline.emailRetried")
                    + d.with("by", "timeline.by");
        };
    }

    /** A task's name in the reader's language, by its element where the entry names it (entries before that did not). */
    private String task(Details d) {
        String recorded = d.text("task", "?");
        return d.has("element") ? taskNames.of(d.text("element", ""), recorded, language) : recorded;
    }

    /** The message {@code code} in the reader's language. */
    private String t(String code, Object... args) {
        return messages.getMessage(code, args, language);
    }

    /**
     * A code a feature stored (a lead type, a channel, an outcome, a reply's intent) in the reader's words: its
     * {@code timeline.word.*} message, else the code as words ("wrong-number" → "wrong number").
     */
    private String word(Object code) {
        String value = String.valueOf(code);
        return messages.getMessage("timeline.word." + value, null, words(value), language);
    }

    /** A role (GENERAL_MANAGER) as the lead's facts name it. */
    private String role(String code) {
        return messages.getMessage("task.fact.role." + code, null, words(code), language);
    }

    private static boolean outOfOffice(Details d) {
        return "OUT_OF_OFFICE".equals(d.raw("reason"));
    }

    /**
     * ": outside working hours in Bogota", ": the weekend in Madrid", ": a public holiday in Colombia",
     * ": ana@leadflow.local sent its 200 emails of the day".
     */
    private String whyDelayed(Details d) {
        String place = place(d.zone("timeZone"));
        String mailbox = d.text("mailbox", t("timeline.theMailbox"));
        return switch (d.text("reason", "")) {
            case "OUTSIDE_WORKING_HOURS" -> t("timeline.delayed.outsideWorkingHours", place);
            case "WEEKEND" -> t("timeline.delayed.weekend", place);
            case "PUBLIC_HOLIDAY" -> d.has("country")
                    ? t("timeline.delayed.publicHolidayIn", Locale.of("", d.text("country", "")).getDisplayCountry(language))
                    : t("timeline.delayed.publicHoliday");
            case "MAILBOX_HOUR_LIMIT" -> t("timeline.delayed.mailboxHourLimit", mailbox, d.text("limit", ""));
            case "MAILBOX_DAY_LIMIT" -> t("timeline.delayed.mailboxDayLimit", mailbox, d.text("limit", ""));
            default -> "";
        };
    }

    /** America/Argentina/Buenos_Aires → Buenos Aires: the city a zone is named after, else its id (UTC). */
    static String place(ZoneId zone) {
        String id = zone.getId();
        return id.contains("/") ? id.substring(id.lastIndexOf('/') + 1).replace('_', ' ') : id;
    }

    /** What was late, by the breach an SLA escalation recorded. */
    private String breach(Object breach) {
        return t(switch (String.valueOf(breach)) {
            case "SEQUENCE_BEHIND" -> "timeline.late.sequence";
            case "RESEARCH" -> "timeline.late.research";
            case "QUALIFY" -> "timeline.late.qualify";
            case "PROPOSAL" -> "timeline.late.proposal";
            case "DEAL_OUTCOME" -> "timeline.late.dealOutcome";
            default -> "timeline.late.firstContact";
        });
    }

    private String round(Details d) {
        return d.has("round") && !"1".equals(d.text("round", "1")) ? t("timeline.round", d.text("round", "")) : "";
    }

    /** The message {@code code} with the attempts: "call 1 of 5 on Tue 3 Mar 10:00, email 2 of 5 on …"; nothing without any. */
    private String attempts(Details d, String code) {
        List<Map<String, Object>> attempts = d.maps("attempts");
        if (attempts.isEmpty()) {
            return "";
        }
        return t(code, attempts.stream().map(attempt -> {
            Details a = new Details(attempt, d.zone);
            return t("timeline.attemptOf", a.has("channel") ? word(a.raw("channel")) : t("timeline.attempt"), a.text("step", "?"),
                    attempts.size()) + a.time("at", "timeline.on");
        }).collect(Collectors.joining(", ")));
    }

    /** jobTitle → "job title", in the reader's words where the messages have the field ({@code timeline.field.*}). */
    private String fieldNames(Collection<?> fields) {
        return fields.stream().map(String::valueOf).map(field -> messages.getMessage("timeline.field." + field, null,
                        field.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT), language))
                .collect(Collectors.joining(", "));
    }

    private String words(Collection<?> values) {
        return values.stream().map(this::word).collect(Collectors.joining(", "));
    }

    /** MARKETING_DIRECTOR, no-answer → "marketing director", "no answer"; short codes (MQL, SQL) stay. */
    private static String words(String value) {
        return value.length() <= 3 ? value : value.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** An entry's details, read leniently: an entry written by an older version may lack a key. */
    private final class Details {

        private final Map<String, ?> values;
        private final ZoneId zone;

        Details(Map<String, ?> values, ZoneId zone) {
            this.values = values;
            this.zone = zone;
        }

        boolean has(String key) {
            Object value = values.get(key);
            return value != null && !String.valueOf(value).isBlank();
        }

        Object raw(String key) {
            return values.get(key);
        }

        String text(String key, String otherwise) {
            return has(key) ? String.valueOf(values.get(key)) : otherwise;
        }

        boolean flag(String key) {
            return Boolean.TRUE.equals(values.get(key));
        }

        /** The message {@code code} with the value, or nothing when the key is absent. */
        String with(String key, String code) {
            return has(key) ? t(code, text(key, "")) : "";
        }

        /** The message {@code code} with a stored timestamp (ISO with offset) in the lead's zone, or nothing. */
        String time(String key, String code) {
            return formatted(key, WHEN).map(text -> t(code, text)).orElse("");
        }

        /** A stored zone id, else the lead's zone. */
        ZoneId zone(String key) {
            try {
                return has(key) ? ZoneId.of(text(key, "")) : zone;
            } catch (DateTimeException e) {
                return zone;
            }
        }

        /** The message {@code code} with a stored day (a date, or a timestamp in the lead's zone), or nothing. */
        String day(String key, String code) {
            if (!has(key)) {
                return "";
            }
            String value = text(key, "");
            // A pause's end is a date; shown as a day in any case.
            return t(code, formatted(key, DAY).orElseGet(() -> {
                try {
                    return DAY.withLocale(language).format(LocalDate.parse(value));
                } catch (DateTimeParseException e) {
                    return value;
                }
            }));
        }

        private Optional<String> formatted(String key, DateTimeFormatter format) {
            if (!has(key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(format.withLocale(language).format(OffsetDateTime.parse(text(key, "")).atZoneSameInstant(zone)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        List<String> list(String key) {
            return values.get(key) instanceof Collection<?> items
                    ? items.stream().filter(Objects::nonNull).map(String::valueOf).toList() : List.of();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            return values.get(key) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> maps(String key) {
            return values.get(key) instanceof Collection<?> items
                    ? items.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList() : List.of();
        }
    }
}
