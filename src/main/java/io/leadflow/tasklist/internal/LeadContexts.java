package io.leadflow.tasklist.internal;

import io.leadflow.email.EmailLeads;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.OriginFact;
import io.leadflow.lead.PhoneNumbers;
import io.leadflow.lead.StageMove;
import io.leadflow.lead.Timeline;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A lead as the task and lead pages show it: who it is, how it came, where it stands and what happened to it. */
@Component
class LeadContexts {

    /** The task page shows the latest activity; the lead page all of it. */
    static final int LATEST_ENTRIES = 8;
    static final int ALL_ENTRIES = Integer.MAX_VALUE;
    private static final List<String> HIGHLIGHTS = List.of("persona", "role", "industry", "employees", "region",
            "tenureMonths", "technologies", "linkedinUrl");

    /**
     * phone: as people read it, phoneHref its tel: link; both empty when the lead has no number. stageDecidedBy: why the
     * lead is in its stage, with the decision table's version and rule and the model that called it. origin: how it
     * came (its type, source, pages viewed, event, referrer) and the signals enrichment found, marketing's context at
     * hand-off, and openingLine, the line its first email opens with (empty when there is none in its language).
     * routedBy: how each routing decision (team, cadence, case study) chose, with its version and rules, in words, the
     * latest of each. timeline: the latest activity first, ending with the arrival however much happened since.
     */
    public record LeadContext(String name, String jobTitle, String company, String email, String phone, String phoneHref,
                              String country,
                              String timeZone, String stage, String stageDecidedBy, List<String> routedBy, String fitScore,
                              List<String> fitReasons, List<Fact> origin, String openingLine, List<Fact> highlights,
                              List<Event> timeline) {
    }

    /**
     * One enrichment fact; href only for a web link; valueCode the message code of a value that is a code (a role, a
     * persona), shown in words where the messages have it, else as it is.
     */
    public record Fact(String label, String value, String href, String valueCode) {
    }

    /** The enrichment facts whose values are codes (GENERAL_MANAGER, executive), shown in words. */
    private static final List<String> WORDED = List.of("persona", "role");

    /** A timeline entry as a sentence in the rep's words, at a time in the lead's zone. */
    public record Event(String text, String at) {
    }

    /** A move into a stage, at a time in the lead's zone, with its provenance: why, and the decision and model behind it. */
    public record StageStep(String stage, String at, String decidedBy) {
    }

    private final Leads leads;
    private final Timeline timeline;
    private final EmailLeads emailLeads;
    private final TaskNames taskNames;
    private final MessageSource messages;

    LeadContexts(Leads leads, Timeline timeline, EmailLeads emailLeads, MessageSource messages, TaskNames taskNames) {
        this.taskNames = taskNames;
        this.leads = leads;
        this.timeline = timeline;
        this.emailLeads = emailLeads;
        this.messages = messages;
    }

    /** The lead with its latest {@code entries} timeline entries (and its arrival), in the reader's language. */
    LeadContext of(Lead lead, int entries) {
        ZoneId zone = lead.zone();
        TimelineSentences sentences = sentences();
        Map<String, Object> enrichment = lead.enrichment() == null ? Map.of() : lead.enrichment();
        List<Fact> highlights = new ArrayList<>();
        for (String key : HIGHLIGHTS) {
            String value = text(enrichment.get(key));
            if (!value.isBlank()) {
                boolean web = value.startsWith("https://") || value.startsWith("http://");
                highlights.add(new Fact(label(key), value, web ? value : null, WORDED.contains(key) ? label(key) + "." + value : null));
            }
        }
        String phone = lead.facts().phone();
        List<Timeline.Entry> stored = timeline.of(lead.id());
        List<Event> events = new ArrayList<>();
        int shownFrom = Math.max(0, stored.size() - entries);
        for (int i = stored.size() - 1; i >= shownFrom; i--) {
            events.add(event(sentences, stored.get(i), zone));
        }
        stored.stream().limit(shownFrom).filter(entry -> entry.type().equals(Timeline.Type.RECEIVED.name())).findFirst()
                .ifPresent(arrival -> events.add(event(sentences, arrival, zone)));
        List<StageMove> stages = leads.stagesOf(lead.id());
        return new LeadContext(lead.fullName(), nullToEmpty(lead.facts().jobTitle()), nullToEmpty(lead.facts().company()),
                nullToEmpty(lead.facts().email()), phone == null ? "" : PhoneNumbers.readable(phone),
                phone == null ? "" : "tel:" + phone, nullToEmpty(lead.facts().country()), zone.getId(),
                lead.stage() == null ? "" : lead.stage().name(), stages.isEmpty() ? "" : decidedBy(stages.getLast()),
                routedBy(sentences, stored, zone), lead.fitScore() == null ? "" : lead.fitScore().toString(),
                lead.fitReasons() == null ? List.of() : lead.fitReasons(), origin(lead), emailLeads.openingLine(lead), highlights,
                events);
    }

    /** The lead's way through the stages, latest first. */
    List<StageStep> stages(Lead lead) {
        return leads.stagesOf(lead.id()).reversed().stream()
                .map(move -> new StageStep(move.stage().name(), TaskListController.due().format(move.at().atZone(lead.zone())),
                        decidedBy(move)))
                .toList();
    }

    /** The latest routing of each decision, in words, in the order the journey made them. */
    private static List<String> routedBy(TimelineSentences sentences, List<Timeline.Entry> stored, ZoneId zone) {
        Map<Object, Timeline.Entry> latest = new LinkedHashMap<>();
        stored.stream().filter(entry -> entry.type().equals(Timeline.Type.ROUTED.name()))
                .forEach(entry -> latest.put(entry.details().get("decisionId"), entry));
        return latest.values().stream().map(entry -> sentences.of(entry, zone)).toList();
    }

    private static Event event(TimelineSentences sentences, Timeline.Entry entry, ZoneId zone) {
        return new Event(sentences.of(entry, zone), TaskListController.due().format(entry.at().atZone(zone)));
    }

    /** The timeline's sentences in the reader's language. */
    private TimelineSentences sentences() {
        return new TimelineSentences(messages, LocaleContextHolder.getLocale(), taskNames);
    }

    /** "lead-fit: score 80 (…); decided by lead-fit v2, rule Rule_LeadFit_Mql (…), called by lead-identify v3". */
    private String decidedBy(StageMove move) {
        Locale language = LocaleContextHolder.getLocale();
        return move.reason() + (move.decision() == null ? "" : messages.getMessage("timeline.decidedBy", new Object[] {move.decision().inWords()}, language))
                + (move.model() == null ? "" : messages.getMessage(move.decision() == null ? "timeline.decidedBy" : "timeline.calledBy",
                new Object[] {move.model()}, language));
    }

    /** How the lead came, as marketing knows it: what the rep needs for the first touch; labels are message codes. */
    private static List<Fact> origin(Lead lead) {
        return OriginFact.of(lead).stream().map(fact -> new Fact(fact.messageCode(), fact.value(), fact.href(), null)).toList();
    }

    /** The message code of an enrichment fact's label. */
    private static String label(String key) {
        return "task.fact." + key;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
