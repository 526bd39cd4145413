package io.leadflow.sequence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The connect stage's settings ({@code leadflow.sequence.*}); the cadence itself (steps, channels,
 * spacing) is in processes/sequence-cadence.dmn, the first attempt's SLA in {@code leadflow.assignment}.
 *
 * @param windowDays         the days the attempts are spread over, counted from the sequence's start
 * @param journeyStageByStep the buyer-journey stage of each attempt's email, step 1 first; picks the templates
 * @param unsubscribeSecret  signs one-click unsubscribe links (environment LEADFLOW_UNSUBSCRIBE_SECRET)
 */
@ConfigurationProperties(prefix = "leadflow.sequence")
public record SequenceProperties(@DefaultValue("14") int windowDays,
                                 @DefaultValue({"awareness", "awareness", "consideration", "consideration", "decision"})
                                 List<String> journeyStageByStep,
                                 String unsubscribeSecret) {
}
