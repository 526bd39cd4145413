package io.leadflow.tasklist.internal;

import io.leadflow.lead.Timeline;

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
 * The one place the task list turns a timeline entry into a sentence a rep reads (English, as the task pages are):
 * what happened, with times in the lead's zone, never the stored keys, enum names, ids or process keys. The switch
 * covers every {@link Timeline.Type}, so a new type does not compile without its sentence; a type no longer written
 * still reads as words.
 */
final class TimelineSentences {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private TimelineSentences() {
    }

    static String of(Timeline.Entry entry, ZoneId zone) {
        Details d = new Details(entry.details() == null ? Map.of() : entry.details(), zone);
        Timeline.Type type = Arrays.stream(Timeline.Type.values()).filter(t -> t.name().equals(entry.type())).findFirst().orElse(null);
        if (type == null) {
            return capitalised(words(entry.type()));
        }
        return switch (type) {
            case RECEIVED -> "Arrived as a " + d.words("leadType", "lead") + d.suffix("source", " from ", "")
                    + (d.has("companyLeadId") ? ", found for a visiting company" : "");
            case MERGED -> "Arrived again as a " + d.words("leadType", "lead") + d.suffix("source", " from ", "")
                    + (d.map("changes").isEmpty() ? ", with nothing new" : ", with new " + fieldNames(d.map("changes").keySet()));
            case FACTS_UPDATED -> "New " + fieldNames(d.list("fields")) + (d.flag("identifiedAgain")
                    ? ": the fit is decided again" : d.suffix("because", ": the fit stays (", ")"));
            case CONTACT_FOUND -> "Contact found for this company" + d.suffix("email", ": ", "");
            case PROCESS_STARTED -> "Follow-up started";
            case PROCESS_LOST -> "Follow-up lost by the process engine: ask an administrator";
            case ENRICHED -> "Researched: " + d.words("role", "role unknown")
                    + (d.list("signals").isEmpty() ? "" : ", signals " + words(d.list("signals")) + d.suffix("signalStrength", " weighing ", ""))
                    + (d.flag("powerSignal") ? " (enough to act on)" : "")
                    + (d.list("gaps").isEmpty() ? "" : "; unknown " + fieldNames(d.list("gaps")))
                    + (d.flag("phoneFound") ? "; phone number found" : "")
                    + (d.flag("companyFound") ? "; company name found" : "");
            case QUALIFIED -> "Fit decided: " + d.text("stage", "?") + d.suffix("score", ", score ", "")
                    + (d.list("reasons").isEmpty() ? "" : " (" + String.join(", ", d.list("reasons")) + ")")
                    + d.suffix("decision", "; decided by ", "");
            case ROUTED -> "Routed: " + d.text("result", "?") + d.suffix("decision", "; decided by ", "")
                    + d.suffix("model", ", called by ", "");
            case STAGE_CHANGED -> "Moved to " + d.text("stage", "another stage") + d.suffix("reason", ": ", "")
                    + d.suffix("decision", "; decided by ", "") + d.suffix("model", ", called by ", "");
            case ASSIGNED -> "Assigned to " + d.text("owner", "a rep") + d.suffix("team", " (team ", ")")
                    + d.suffix("requestedTeam", ", as team ", " had no one free")
                    + (d.flag("overCapacity") ? ", over capacity" : "") + d.time("due", "; first contact due ", "");
            case REASSIGNED -> "Reassigned from " + d.text("from", "a rep") + " to " + d.text("to", "another rep")
                    + d.suffix("team", " (team ", ")");
            case REP_NOTIFIED -> d.text("rep", "The rep") + " told by email";
            case SLA_BREACHED -> breach(d.raw("breach")) + d.suffix("owner", " for ", "")
                    + d.suffix("manager", ": manager ", " alerted")
                    + (d.has("escalation") && !"1".equals(d.text("escalation", "1")) ? " again (escalation " + d.text("escalation", "") + ")" : "");
            case SLA_KEPT -> "Kept with " + d.text("owner", "its rep") + d.time("due", ": first contact now due ", "");
            case TASK_CREATED -> "Task \u201c" + d.text("task", "?") + "\u201d" + d.suffix("assignee", " for ", "")
                    + d.time("due", ", due ", "");
            case TASK_COMPLETED -> "Task \u201c" + d.text("task", "?") + "\u201d done" + d.suffix("by", " by ", "")
                    + (d.has("outcome") ? ": " + d.words("outcome", "") : d.has("action") ? ": " + d.words("action", "") : "");
            case TASK_CANCELLED -> "Task \u201c" + d.text("task", "?") + "\u201d withdrawn" + d.suffix("reason", ": ", "");
            case TASKS_MOVED -> d.text("tasks", "The") + " open task(s) moved from " + d.text("from", "a rep") + " to "
                    + d.text("to", "another rep");
            case SEQUENCE_PLANNED -> "Sequence planned" + round(d) + attempts(d, ": ");
            case SEQUENCE_PAUSED -> "Sequence paused" + d.suffix("by", " by ", "") + d.day("until", " until ")
                    + (outOfOffice(d) ? ": out-of-office reply" + (d.has("returnsOn") ? d.day("returnsOn", ", back ") : " with no day of return")
                    + d.suffix("subject", " (", ")") : "") + attempts(d, "; then ");
            case SEQUENCE_RESUMED -> "Sequence resumed" + d.suffix("by", " by ", "") + attempts(d, "; ");
            case ATTEMPT_DELAYED -> (d.flag("followUp") ? "Follow-up email" : capitalised(d.words("channel", "attempt"))) + d.suffix("step", " (step ", ")") + " delayed"
                    + d.time("from", " from ", "") + d.time("to", " to ", "") + whyDelayed(d);
            case EMAIL_SENT -> (d.flag("afterConnectedCall") ? "Email after the call sent: " : d.flag("followUp") ? "Follow-up email sent: "
                    : "Email sent: ") + d.text("subject", "");
            case EMAIL_SUPPRESSED -> "Email" + d.suffix("step", " ", "") + " not sent: the address takes no more mail";
            case EMAIL_OPENED -> "Email" + d.suffix("step", " (step ", ")") + " opened";
            case EMAIL_CLICKED -> "Link clicked in email" + d.suffix("step", " (step ", ")") + d.suffix("url", ": ", "");
            case AUTO_REPLY_IGNORED -> (outOfOffice(d) ? "Out-of-office reply" + d.day("returnsOn", ", back ")
                    + ", sequence not paused (already paused as long, ended, or the day is past)" : "Automatic reply, sequence goes on")
                    + d.suffix("subject", ": ", "");
            case SOFT_BOUNCE_IGNORED -> "Mail temporarily undeliverable" + d.suffix("deliveryStatus", " (", ")") + ", sequence goes on"
                    + (d.has("softBounces") ? " (" + d.text("softBounces", "") + d.suffix("softBounceLimit", " of ", "") + " soft bounces)" : "")
                    + d.suffix("subject", ": ", "");
            case REPLIED -> "Replied" + (d.has("replyIntent") ? " (" + d.words("replyIntent", "") + ")" : "")
                    + d.suffix("subject", ": ", "") + d.suffix("intentPhrase", " \u2014 \u201c", "\u201d");
            case MEETING_BOOKED -> "Meeting booked" + d.time("at", " for ", "") + d.suffix("notes", ": ", "");
            case UNSUBSCRIBED -> "Unsubscribed" + d.suffix("via", " (via ", ")");
            case BOUNCED -> "Email bounced: the address does not work" + d.suffix("deliveryStatus", " (", ")")
                    + d.suffix("softBounces", ", after ", " soft bounces") + d.suffix("subject", ": ", "");
            case STOPPED -> "Sequence stopped" + d.suffix("by", " by ", "") + d.suffix("reason", ": ", "");
            case SEQUENCE_ENDED -> "Sequence ended" + (d.has("reason") ? " (" + d.words("reason", "") + ")" : "")
                    + d.suffix("cancelledAttempts", "; planned attempts cancelled: ", "");
            case RECYCLED_TO_NURTURE -> "Back to nurture" + d.suffix("reason", ": ", "");
            case INCIDENT_RAISED -> "Stopped by an incident at " + d.text("elementName", "a step") + d.suffix("errorMessage", ": ", "")
                    + "; a manager retries it once the cause is fixed";
            case INCIDENT_RETRIED -> "Incident at " + d.text("elementName", "a step") + " retried" + d.suffix("by", " by ", "");
            case EMAIL_FAILED -> "Email not sent" + d.suffix("subject", " (\u201c", "\u201d)")
                    + (d.flag("permanent") ? ": the mail server refused it" : ": the mail server kept failing")
                    + d.suffix("error", " \u2014 ", "") + "; a manager sends it again once the cause is fixed";
            case REJECTED -> "Rejected at hand-off" + d.suffix("by", " by ", "") + d.suffix("label", ": ", "")
                    + ("DISQUALIFIED".equals(d.raw("stage")) ? "; disqualified" : "; back to nurture")
                    + d.suffix("fitRule", "; made an MQL by ", "");
            case EMAIL_RETRIED -> "Email not sent" + d.suffix("subject", " (\u201c", "\u201d)") + " retried" + d.suffix("by", " by ", "");
        };
    }

    private static boolean outOfOffice(Details d) {
        return "OUT_OF_OFFICE".equals(d.raw("reason"));
    }

    /**
     * ": outside working hours in Bogota", ": the weekend in Madrid", ": a public holiday in Colombia",
     * ": ana@leadflow.local sent its 200 emails of the day".
     */
    private static String whyDelayed(Details d) {
        String place = place(d.zone("timeZone"));
        return switch (d.text("reason", "")) {
            case "OUTSIDE_WORKING_HOURS" -> ": outside working hours in " + place;
            case "WEEKEND" -> ": the weekend in " + place;
            case "PUBLIC_HOLIDAY" -> ": a public holiday" + (d.has("country")
                    ? " in " + Locale.of("", d.text("country", "")).getDisplayCountry(Locale.ENGLISH) : "");
            case "MAILBOX_HOUR_LIMIT" -> ": " + d.text("mailbox", "the mailbox") + " sent its " + d.text("limit", "") + " emails of the hour";
            case "MAILBOX_DAY_LIMIT" -> ": " + d.text("mailbox", "the mailbox") + " sent its " + d.text("limit", "") + " emails of the day";
            default -> "";
        };
    }

    /** America/Argentina/Buenos_Aires → Buenos Aires: the city a zone is named after, else its id (UTC). */
    static String place(ZoneId zone) {
        String id = zone.getId();
        return id.contains("/") ? id.substring(id.lastIndexOf('/') + 1).replace('_', ' ') : id;
    }

    /** What was late, by the breach an SLA escalation recorded. */
    private static String breach(Object breach) {
        return switch (String.valueOf(breach)) {
            case "SEQUENCE_BEHIND" -> "Sequence attempt late";
            case "RESEARCH" -> "Research late";
            case "QUALIFY" -> "Qualify lead late";
            case "PROPOSAL" -> "Proposal late";
            case "DEAL_OUTCOME" -> "Deal outcome late";
            default -> "First contact late";
        };
    }

    private static String round(Details d) {
        return d.has("round") && !"1".equals(d.text("round", "1")) ? " (round " + d.text("round", "") + ")" : "";
    }

    /** "call 1 of 5 on Tue 3 Mar 10:00, email 2 of 5 on …" */
    private static String attempts(Details d, String prefix) {
        List<Map<String, Object>> attempts = d.maps("attempts");
        if (attempts.isEmpty()) {
            return "";
        }
        return prefix + attempts.stream().map(attempt -> {
            Details a = new Details(attempt, d.zone);
            return a.words("channel", "attempt") + " " + a.text("step", "?") + " of " + attempts.size() + a.time("at", " on ", "");
        }).collect(Collectors.joining(", "));
    }

    private static String fieldNames(Collection<?> fields) {
        return fields.stream().map(field -> String.valueOf(field).replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String words(Collection<?> values) {
        return values.stream().map(value -> words(String.valueOf(value))).collect(Collectors.joining(", "));
    }

    /** MARKETING_DIRECTOR, no-answer → "marketing director", "no answer"; short codes (MQL, SQL) stay. */
    private static String words(String value) {
        return value.length() <= 3 ? value : value.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** An entry's details, read leniently: an entry written by an older version may lack a key. */
    private record Details(Map<String, ?> values, ZoneId zone) {

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

        String words(String key, String otherwise) {
            return has(key) ? TimelineSentences.words(text(key, "")) : otherwise;
        }

        boolean flag(String key) {
            return Boolean.TRUE.equals(values.get(key));
        }

        /** before + value + after, or nothing when the key is absent. */
        String suffix(String key, String before, String after) {
            return has(key) ? before + text(key, "") + after : "";
        }

        /** A stored timestamp (ISO with offset) in the lead's zone. */
        String time(String key, String before, String after) {
            return formatted(key, WHEN).map(text -> before + text + after).orElse("");
        }

        /** A stored zone id, else the lead's zone. */
        ZoneId zone(String key) {
            try {
                return has(key) ? ZoneId.of(text(key, "")) : zone;
            } catch (DateTimeException e) {
                return zone;
            }
        }

        String day(String key, String before) {
            if (!has(key)) {
                return "";
            }
            String value = text(key, "");
            // A pause's end is a date; shown as a day in any case.
            return before + formatted(key, DAY).orElseGet(() -> {
                try {
                    return DAY.format(LocalDate.parse(value));
                } catch (DateTimeParseException e) {
                    return value;
                }
            });
        }

        private Optional<String> formatted(String key, DateTimeFormatter format) {
            if (!has(key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(format.format(OffsetDateTime.parse(text(key, "")).atZoneSameInstant(zone)));
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
