package io.leadflow.sequence.internal;

import io.leadflow.assignment.Person;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.email.EmailLeads;
import io.leadflow.email.EmailModel;
import io.leadflow.email.EmailRenderer;
import io.leadflow.email.Mailbox;
import io.leadflow.email.OutgoingMail;
import io.leadflow.email.RenderedEmail;
import io.leadflow.email.TemplateKey;
import io.leadflow.lead.Lead;
import io.leadflow.sequence.SequenceProperties;
import io.leadflow.sequence.SequenceTemplates;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A lead's sequence or nurture email as it goes: the template chosen for the lead ({@link SequenceTemplates}), rendered
 * from its rep with the stage's content, its opens and clicks tracked, with a one-click unsubscribe.
 */
@Component
public class SequenceEmailComposer {

    private final EmailRenderer renderer;
    private final RepDirectory reps;
    private final EmailLeads emailLeads;
    private final UnsubscribeLinks unsubscribeLinks;
    private final EmailTracking tracking;
    private final SequenceProperties settings;

    SequenceEmailComposer(EmailRenderer renderer, RepDirectory reps, EmailLeads emailLeads, UnsubscribeLinks unsubscribeLinks,
                          EmailTracking tracking, SequenceProperties settings) {
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

    /** The email of {@code attempt} for the lead's {@code round}, in the {@code chosen} template, under outbox {@code key}. */
    public ComposedEmail compose(Lead lead, int round, SequenceTemplates.Chosen chosen, EmailModel.Attempt attempt, String key) {
        TemplateKey template = chosen.template();
        String variant = chosen.variant();
        Person rep = reps.ownerOf(lead);
        String unsubscribeUrl = unsubscribeLinks.linkFor(lead.id());
        EmailModel.Lead addressed = emailLeads.addressed(lead);
        RenderedEmail mail = renderer.render(template, new EmailModel(addressed, new EmailModel.Rep(rep.name(), rep.email()),
                attempt, settings.content(chosen.stage(), template.language()), unsubscribeUrl));
        mail = tracking.track(new EmailTracking.Sent(key, lead.id(), round, attempt.step(), template.fileName(), variant), mail,
                unsubscribeUrl);
        Mailbox recipient = new Mailbox(Stream.of(addressed.firstName(), addressed.lastName()).filter(Objects::nonNull)
                .collect(Collectors.joining(" ")), lead.facts().email());
        return new ComposedEmail(new OutgoingMail(key, lead.id(), recipient, new Mailbox(rep.name(), rep.email()),
                mail.subject(), mail.textBody(), mail.htmlBody(),
                Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")), template, variant);
    }
}
