package io.leadflow.simulation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Replay before you deploy ({@code leadflow.simulation.*}): how a replay answers where history has none, and what it keeps.
 *
 * @param keepResultsFor          how long a finished simulation's result is kept before it is deleted
 * @param maxModelSize            the largest model file a simulation accepts
 * @param maxLeads                the most leads one simulation replays (a longer period is refused)
 * @param seed                    the seed of the answers drawn where history has none: the same seed, models and leads
 *                                give the same diff
 * @param taskCompletionChance    the chance that a rep completes a task history has no answer for
 * @param taskCompletionAfter     how long after it is created such a task is completed (virtual time)
 * @param horizon                 how long after the period's end the replay follows its leads (timers, dues, breaches)
 */
@ConfigurationProperties(prefix = "leadflow.simulation")
public record SimulationProperties(@DefaultValue("P7D") Duration keepResultsFor,
                                   @DefaultValue("1MB") DataSize maxModelSize,
                                   @DefaultValue("20000") int maxLeads,
                                   @DefaultValue("23") long seed,
                                   @DefaultValue("0.7") double taskCompletionChance,
                                   @DefaultValue("PT6H") Duration taskCompletionAfter,
                                   @DefaultValue("P30D") Duration horizon) {
}
