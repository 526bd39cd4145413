package io.leadflow.sequence.internal;

import io.leadflow.sequence.SequenceAttempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How sequences end, recorded when one does: the attempts made, and the lead's answer (reply, meeting, unsubscribe,
 * bounce) by the step it came after and the email template last sent, so reply rates compare steps and templates.
 */
@Component
public class SequenceMetrics {

    /** The exits that are the lead's answer, as the sequence model names them. */
    private static final Set<String> OUTCOMES = Set.of("REPLIED", "MEETING_BOOKED", "UNSUBSCRIBED", "BOUNCED");

    private final DistributionSummary attempts;
    private final MeterRegistry meters;

    SequenceMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.attempts = DistributionSummary.builder("leadflow.sequence.attempts")
                .description("Attempts made in a lead's sequence, recorded when it ends").baseUnit("attempts")
                .serviceLevelObjectives(1, 2, 3, 4, 5, 6).register(meters);
    }

    /**
     * A sequence of these attempts ended for {@code exit} (a model's exit reason, or {@code NO_ANSWER}), credited to
     * {@code credit}; called once per sequence, when its end is recorded. The steps of the touches the model saw made
     * count as made (a call's outcome reaches the model before its task's row commits).
     */
    public void ended(List<SequenceAttempt> attempts, List<Integer> touchedSteps, String exit,
                      SequenceOutcomeRepository.Credit credit) {
        Set<Integer> made = new TreeSet<>();
        attempts.stream().filter(a -> a.status() == SequenceAttempt.Status.DONE).forEach(a -> made.add(a.step()));
        made.addAll(touchedSteps);
        this.attempts.record(made.size());
        if (OUTCOMES.contains(exit)) {
            Counter.builder("leadflow.sequence.outcomes").description("Leads' answers that ended a sequence, by step and email template")
                    .tag("step", Integer.toString(Objects.requireNonNullElse(credit.step(), 0)))
                    .tag("template", Objects.requireNonNullElse(credit.template(), "none"))
                    .tag("outcome", outcome(exit)).register(meters).increment();
        }
    }

    /** A sequence email went to the outbox: the denominator of the answers' rates per step and template. */
    public void emailSent(int step, String template) {
        Counter.builder("leadflow.sequence.emails").description("Sequence emails queued, by step and email template")
                .tag("step", Integer.toString(step)).tag("template", template).register(meters).increment();
    }

    private static String outcome(String exit) {
        return "MEETING_BOOKED".equals(exit) ? "meeting" : exit.toLowerCase(Locale.ROOT);
    }
}
