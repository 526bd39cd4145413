package io.leadflow.sequence.internal;

import io.leadflow.assignment.Person;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.email.EmailLeads;
import io.leadflow.email.EmailModel;
import io.leadflow.email.EmailRenderer;
import io.leadflow.email.EmailTemplateCatalog;
import io.leadflow.email.Mailbox;
import io.leadflow.email.OutgoingMail;
import io.leadflow.email.RenderedEmail;
import io.leadflow.email.TemplateKey;
import io.leadflow.lead.Lead;
import io.leadflow.sequence.SequenceProperties;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A lead's sequence or nurture email as it goes: the lead's template of the journey stage (the lead's A/B variant of
 * it for a step's own email), rendered from its rep with the stage's content, its opens and clicks tracked, with a
 * one-click unsubscribe.
 */
@Component
public class SequenceEmailComposer {

    private final EmailTemplateCatalog templates;
    private final StepVariants variants;
    private final EmailRenderer renderer;
    private final RepDirectory reps;
    private final EmailLeads emailLeads;
    private final UnsubscribeLinks unsubscribeLinks;
    private final EmailTracking tracking;
    private final SequenceProperties settings;

    SequenceEmailComposer(EmailTemplateCatalog templates, StepVariants variants, EmailRenderer renderer, RepDirectory reps,
                          EmailLeads emailLeads, UnsubscribeLinks unsubscribeLinks, EmailTracking tracking,
                          SequenceProperties settings) {
        this.templates = templates;
        this.variants = variants;
        this.renderer = renderer;
        this.reps = reps;
        this.emailLeads = emailLeads;
        this.unsubscribeLinks = unsubscribeLinks;
        this.tracking = tracking;
        this.settings = settings;
    }

    /** The mail to queue under its outbox key, the template it was rendered from and its step's A/B variant (null: none). */
    public record ComposedEmail(OutgoingMail mail, TemplateKey template, String variant) {
    }

    /** The email of {@code attempt} for the lead's {@code round}, of the journey {@code stage}, under outbox {@code key}. */
    public ComposedEmail compose(Lead lead, int round, String stage, EmailModel.Attempt attempt, String key) {
        TemplateKey selected = templates.select(text(lead.enrichment().get("persona")), text(lead.enrichment().get("industry")),
                stage, lead.facts().language());
        // A variant whose file the lead's template lacks sends the template itself, and is recorded as such.
        String variant = attempt.afterConnectedCall() ? null : variants.of(lead.id(), attempt.step())
                .map(name -> templates.variant(selected, name).map(TemplateKey::variant).orElse(SequenceProperties.CONTROL))
                .orElse(null);
        TemplateKey template = variant == null || variant.equals(SequenceProperties.CONTROL) ? selected : selected.withVariant(variant);
        Person rep = reps.rep(lead.owner()).orElseThrow(() -> new IllegalStateException("Lead " + lead.id() + " has no owner"));
        String unsubscribeUrl = unsubscribeLinks.linkFor(lead.id());
        EmailModel.Lead addressed = emailLeads.addressed(lead);
        RenderedEmail mail = renderer.render(template, new EmailModel(addressed, new EmailModel.Rep(rep.name(), rep.email()),
                attempt, settings.content(stage, template.language()), unsubscribeUrl));
        mail = tracking.track(new EmailTracking.Sent(key, lead.id(), round, attempt.step(), template.fileName(), variant), mail,
                unsubscribeUrl);
        Mailbox recipient = new Mailbox(Stream.of(addressed.firstName(), addressed.lastName()).filter(Objects::nonNull)
                .collect(Collectors.joining(" ")), lead.facts().email());
        return new ComposedEmail(new OutgoingMail(key, lead.id(), recipient, new Mailbox(rep.name(), rep.email()),
                mail.subject(), mail.textBody(), mail.htmlBody(),
                Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")), template, variant);
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
