package io.leadflow.reports.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadflow.sequence.SequenceStats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** GET /api/reports/sequences: per step and per email template, what was made in the period and how the leads answered. */
record SequencesReport(LocalDate from, LocalDate to, List<Step> steps, List<Template> templates) implements CsvTable {

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

    record Step(int step, String channel, @JsonUnwrapped Answers answers) {
    }

    record Template(String template, @JsonUnwrapped Answers answers) {
    }

    static SequencesReport of(LocalDate from, LocalDate to, List<SequenceStats.StepOutcomes> steps,
                              List<SequenceStats.TemplateOutcomes> templates) {
        return new SequencesReport(from, to,
                steps.stream().map(step -> new Step(step.step(), step.channel().name(), Answers.of(step.outcomes()))).toList(),
                templates.stream().map(template -> new Template(template.template(), Answers.of(template.outcomes()))).toList());
    }

    @Override
    public List<String> csvHeader() {
        return List.of("kind", "key", "channel", "sent", "replied", "meetings", "unsubscribed", "bounced",
                "replyRate", "meetingRate", "unsubscribeRate", "bounceRate");
    }

    /** A row per step ("step", its number, its channel), then per template ("template", its name, EMAIL). */
    @Override
    public List<List<?>> csvRows() {
        List<List<?>> rows = new ArrayList<>();
        steps.forEach(step -> rows.add(row("step", step.step(), step.channel(), step.answers())));
        templates.forEach(template -> rows.add(row("template", template.template(), "EMAIL", template.answers())));
        return rows;
    }

    private static List<Object> row(String kind, Object key, String channel, Answers answers) {
        List<Object> row = new ArrayList<>(List.of(kind, key, channel));
        row.addAll(answers.values());
        return row;
    }
}
