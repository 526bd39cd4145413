package io.leadflow.assignment;

import io.leadflow.email.EmailLeads;
import io.leadflow.email.InternalMailRenderer;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.OutgoingMail;
import io.leadflow.email.RenderedEmail;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.lead.OriginFact;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.PlatformProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Tells the rep a lead is theirs, by email, once per hand-off however often the job is delivered. */
@Service
public class RepNotifier {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm xxx");

    private final Leads leads;
    private final EmailLeads emailLeads;
    private final RepDirectory reps;
    private final InternalMailRenderer renderer;
    private final MailOutbox outbox;
    private final Timeline timeline;
    private final PlatformProperties platform;
    private final Locale defaultLanguage;
    private final MessageSource messages;

    RepNotifier(Leads leads, EmailLeads emailLeads, RepDirectory reps, InternalMailRenderer renderer, MailOutbox outbox,
                Timeline timeline, PlatformProperties platform, AssignmentProperties settings, MessageSource messages) {
        this.messages = messages;
        this.leads = leads;
        this.emailLeads = emailLeads;
        this.reps = reps;
        this.renderer = renderer;
        this.outbox = outbox;
        this.timeline = timeline;
        this.platform = platform;
        this.defaultLanguage = settings.mailLanguage();
    }

    /** {@code taskName}: the rep's first task's name in a language, for the mail in the rep's. */
    @Transactional
    public void notifyOwner(UUID leadId, Function<Locale, String> taskName, OffsetDateTime due) {
        Lead lead = leads.get(leadId);
        Person rep = reps.ownerOf(lead);
        Map<String, Object> leadData = new LinkedHashMap<>();
        leadData.put("name", lead.fullName());
        leadData.put("company", lead.facts().company() == null ? "" : lead.facts().company());
        leadData.put("jobTitle", lead.facts().jobTitle() == null ? "" : lead.facts().jobTitle());
        leadData.put("timeZone", lead.facts().timeZone());
        Locale language = reps.mailLanguageOf(rep.username(), defaultLanguage);
        RenderedEmail mail = renderer.render("rep-new-lead", language, Map.of(
                "rep", Map.of("name", rep.name()),
                "lead", leadData,
                "stage", lead.stage().name(),
                "fit", Map.of("score", lead.fitScore() == null ? 0 : lead.fitScore(), "reasons", lead.fitReasons()),
                "origin", OriginFact.of(lead).stream().map(fact -> Map.of("label",
                        messages.getMessage(fact.messageCode(), null, language), "value", fact.value())).toList(),
                "openingLine", emailLeads.openingLine(lead),
                "task", taskName.apply(language),
                "due", DUE.withLocale(language).format(due),
                "taskUrl", platform.leadTaskUrl(leadId)));
        String key = "rep-notification:" + leadId + ":" + rep.username();
        var enqueued = outbox.enqueue(new OutgoingMail(key, leadId, rep.email(), mail.subject(), mail.textBody(), null, Map.of()));
        if (enqueued.created()) {
            timeline.record(leadId, Timeline.Type.REP_NOTIFIED, Map.of("rep", rep.username(), "messageId", enqueued.messageId()));
        }
    }
}
