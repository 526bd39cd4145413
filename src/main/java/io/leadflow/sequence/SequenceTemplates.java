package io.leadflow.sequence;

import io.leadflow.email.EmailTemplateCatalog;
import io.leadflow.email.TemplateKey;
import io.leadflow.lead.Lead;
import io.leadflow.sequence.internal.SequenceEmailKey;
import io.leadflow.sequence.internal.StepVariants;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The template a lead's sequence or nurture email goes with: the lead's template (by persona, industry and language) of
 * the email's journey stage and, for a step's own email (and the follow-up of its call), the lead's A/B variant of the
 * step. The live sequence sends with it and a simulation's replay counts the emails by it.
 */
@Component
public class SequenceTemplates {

    /** The journey stage a connected call leaves the buyer in (methodology), and the nurture track's content. */
    private static final String AWARENESS = "awareness";

    private final EmailTemplateCatalog catalog;
    private final StepVariants variants;
    private final List<String> journeyStageByStep;

    public SequenceTemplates(EmailTemplateCatalog catalog, SequenceProperties settings) {
        this.catalog = catalog;
        this.variants = new StepVariants(settings);
        this.journeyStageByStep = settings.journeyStageByStep();
    }

    /** Whom an email goes to, as the templates are picked: the lead, its persona and industry (enrichment's) and language. */
    public record Recipient(UUID leadId, String persona, String industry, String language) {

        public static Recipient of(Lead lead) {
            return of(lead.id(), lead.enrichment(), lead.facts().language());
        }

        /** The lead with the persona and industry its enrichment gave ({@code persona}, {@code industry}). */
        public static Recipient of(UUID leadId, Map<String, Object> enrichment, String language) {
            return new Recipient(leadId, text(enrichment.get("persona")), text(enrichment.get("industry")), language);
        }

        private static String text(Object value) {
            return value == null ? null : Objects.toString(value);
        }
    }

    /**
     * The template an email goes with, the journey stage it offers content of, and the lead's A/B variant of its step
     * (null: the step has none).
     */
    public record Chosen(TemplateKey template, String stage, String variant) {
    }

    /** The email of attempt {@code step}, or the follow-up of its call: the step's journey stage, in the lead's variant. */
    public Chosen stepEmail(Recipient lead, int step) {
        return inVariant(lead, journeyStage(step), step);
    }

    /** The email after a call that connected: the awareness content the call promised, never a variant. */
    public Chosen connectedCallEmail(Recipient lead) {
        return new Chosen(select(lead, AWARENESS), AWARENESS, null);
    }

    /** The nurture track's content: the lead's awareness template. */
    public Chosen nurtureEmail(Recipient lead) {
        return inVariant(lead, AWARENESS, SequenceEmailKey.NURTURE_STEP);
    }

    /** The buyer-journey stage of attempt {@code step}'s email ({@code leadflow.sequence.journey-stage-by-step}). */
    private String journeyStage(int step) {
        return journeyStageByStep.get(Math.min(step, journeyStageByStep.size()) - 1);
    }

    /** A variant whose file the lead's template lacks sends the template itself, and counts as the control. */
    private Chosen inVariant(Recipient lead, String stage, int step) {
        TemplateKey selected = select(lead, stage);
        String variant = variants.of(lead.leadId(), step)
                .map(name -> catalog.variant(selected, name).map(TemplateKey::variant).orElse(SequenceProperties.CONTROL))
                .orElse(null);
        TemplateKey template = variant == null || variant.equals(SequenceProperties.CONTROL) ? selected : selected.withVariant(variant);
        return new Chosen(template, stage, variant);
    }

    private TemplateKey select(Recipient lead, String stage) {
        return catalog.select(lead.persona(), lead.industry(), stage, lead.language());
    }
}
