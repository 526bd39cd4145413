package io.leadflow.reports.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadflow.sequence.SequenceProperties;
import io.leadflow.sequence.SequenceStats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * GET /api/reports/sequences: per step, per email template and per A/B variant of a step, what was made in the period,
 * how the leads answered, and how many tracked emails they opened and clicked.
 */
record SequencesReport(LocalDate from, LocalDate to, List<Step> steps, List<Template> templates, List<Variant> variants)
        implements CsvTable {

    /** The counters and their rates (a share of {@code sent}), as a step's and a template's JSON show them. */
    record Answers(long sent, long replied, long meetings, long unsubscribed, long bounced,
                   double replyRate, double meetingRate, double unsubscribeRate, double bounceRate) {

        static Answers of(SequenceStats.Outcomes o) {
            return new Answers(o.sent(), o.replied(), o.meetings(), o.unsubscribed(), o.bounced(), Rates.rate(o.replied(), o.sent()),
                    Rates.rate(o.meetings(), o.sent()), Rates.rate(o.unsubscribed(), o.sent()), Rates.rate(o.bounced(), o.sent()));
        }

        List<Object> values() {
            return List.of(sent, replied, meetings, unsubscribed, bounced, replyRate, meetingRate, unsubscribeRate, bounceRate);
        }
    }

    /**
     * The emails sent with opens and clicks tracked ({@code tracked}), how many a person opened and clicked, and their
     * rates (a share of {@code tracked}: an email sent with tracking off can be neither).
     */
    record Engagement(long tracked, long opened, long clicked, double openRate, double clickRate) {

        static Engagement of(SequenceStats.Engagement e) {
            SequenceStats.Engagement engagement = Objects.requireNonNullElse(e, SequenceStats.Engagement.NONE);
            return new Engagement(engagement.tracked(), engagement.opened(), engagement.clicked(),
                    Rates.rate(engagement.opened(), engagement.tracked()), Rates.rate(engagement.clicked(), engagement.tracked()));
        }

        List<Object> values() {
            return List.of(tracked, opened, clicked, openRate, clickRate);
        }
    }

    record Step(int step, String channel, @JsonUnwrapped Answers answers, @JsonUnwrapped Engagement engagement) {
    }

    record Template(String template, @JsonUnwrapped Answers answers, @JsonUnwrapped Engagement engagement) {
    }

    /**
     * An A/B variant of a step; {@code versusControl} compares it with the step's control (variant
     * {@value SequenceProperties#CONTROL}), null for the control itself.
     */
    record Variant(int step, String variant, @JsonUnwrapped Answers answers, @JsonUnwrapped Engagement engagement,
                   VersusControl versusControl) {
    }

    /** Each rate's difference from the control's and its two-proportion test; {@code verdict} says it in words. */
    record VersusControl(TwoProportionTest openRate, TwoProportionTest clickRate, TwoProportionTest replyRate, String verdict) {

        static VersusControl of(Variant variant, Variant control) {
            TwoProportionTest opens = TwoProportionTest.of(variant.engagement().opened(), variant.engagement().tracked(),
                    control.engagement().opened(), control.engagement().tracked());
            TwoProportionTest clicks = TwoProportionTest.of(variant.engagement().clicked(), variant.engagement().tracked(),
                    control.engagement().clicked(), control.engagement().tracked());
            TwoProportionTest replies = TwoProportionTest.of(variant.answers().replied(), variant.answers().sent(),
                    control.answers().replied(), control.answers().sent());
            String significant = Stream.of(Map.entry("open rate", opens), Map.entry("click rate", clicks), Map.entry("reply rate", replies))
                    .filter(test -> test.getValue().significant())
                    .map(test -> test.getKey() + (test.getValue().difference() > 0 ? " higher" : " lower") + " (p = " + test.getValue().pValue() + ")")
                    .collect(Collectors.joining(", "));
            return new VersusControl(opens, clicks, replies, significant.isEmpty()
                    ? "No difference from " + SequenceProperties.CONTROL + " is significant yet"
                    : "Significant against " + SequenceProperties.CONTROL + ": " + significant);
        }
    }

    static SequencesReport of(LocalDate from, LocalDate to, List<SequenceStats.StepOutcomes> steps,
                              List<SequenceStats.TemplateOutcomes> templates, SequenceStats.Engagements engagement,
                              List<SequenceStats.VariantOutcomes> variants) {
        return new SequencesReport(from, to,
                steps.stream().map(step -> new Step(step.step(), step.channel().name(), Answers.of(step.outcomes()),
                        Engagement.of(engagement.steps().get(step.step())))).toList(),
                templates.stream().map(template -> new Template(template.template(), Answers.of(template.outcomes()),
                        Engagement.of(engagement.templates().get(template.template())))).toList(),
                variants(variants, engagement));
    }

    private static List<Variant> variants(List<SequenceStats.VariantOutcomes> outcomes, SequenceStats.Engagements engagement) {
        List<Variant> variants = outcomes.stream().map(outcome -> new Variant(outcome.variant().step(), outcome.variant().variant(),
                Answers.of(outcome.outcomes()), Engagement.of(engagement.variants().get(outcome.variant())), null)).toList();
        return variants.stream().map(variant -> variants.stream()
                        .filter(control -> control.step() == variant.step() && control.variant().equals(SequenceProperties.CONTROL)
                                && !variant.variant().equals(SequenceProperties.CONTROL))
                        .findFirst()
                        .map(control -> new Variant(variant.step(), variant.variant(), variant.answers(), variant.engagement(),
                                VersusControl.of(variant, control)))
                        .orElse(variant))
                .toList();
    }

    @Override
    public List<String> csvHeader() {
        return List.of("kind", "key", "channel", "sent", "replied", "meetings", "unsubscribed", "bounced",
                "replyRate", "meetingRate", "unsubscribeRate", "bounceRate", "tracked", "opened", "clicked", "openRate", "clickRate");
    }

    /**
     * A row per step ("step", its number, its channel), then per template ("template", its name, EMAIL), then per
     * variant ("variant", step:variant, EMAIL).
     */
    @Override
    public List<List<?>> csvRows() {
        List<List<?>> rows = new ArrayList<>();
        steps.forEach(step -> rows.add(row("step", step.step(), step.channel(), step.answers(), step.engagement())));
        templates.forEach(template -> rows.add(row("template", template.template(), "EMAIL", template.answers(), template.engagement())));
        variants.forEach(variant -> rows.add(row("variant", variant.step() + ":" + variant.variant(), "EMAIL", variant.answers(),
                variant.engagement())));
        return rows;
    }

    private static List<Object> row(String kind, Object key, String channel, Answers answers, Engagement engagement) {
        List<Object> row = new ArrayList<>(List.of(kind, key, channel));
        row.addAll(answers.values());
        row.addAll(engagement.values());
        return row;
    }
}
