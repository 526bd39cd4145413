package io.leadflow.simulation.internal;

import io.leadflow.assignment.AssignmentProperties;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.EmailTemplateCatalog;
import io.leadflow.engine.EngineProperties;
import io.leadflow.engine.SandboxEngine;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.Json;
import io.leadflow.sequence.SequencePlanner;
import io.leadflow.sequence.SequenceProperties;
import io.leadflow.simulation.SimulationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A simulation from its inputs to its diff, the same for the API, the managers' page and the {@code simulate} command:
 * the candidate models checked (they parse, name decisions that exist, deploy), the leads of a period checked and read,
 * and both sides replayed on their own sandbox engines.
 */
@Component
class Simulator {

    private final LeadHistory history;
    private final RepDirectory reps;
    private final BusinessHoursCalendar calendar;
    private final Json json;
    private final SimulationProperties settings;
    private final AssignmentProperties assignment;
    private final ModelSet deployed;
    private final Replay.Sequences sequences;

    Simulator(LeadHistory history, RepDirectory reps, BusinessHoursCalendar calendar, Json json, SimulationProperties settings,
              AssignmentProperties assignment, EngineProperties engine, SequencePlanner planner,
              EmailTemplateCatalog templates, SequenceProperties sequence) {
        this.history = history;
        this.reps = reps;
        this.calendar = calendar;
        this.json = json;
        this.settings = settings;
        this.assignment = assignment;
        this.deployed = ModelSet.deployed(engine.processesLocation());
        this.sequences = new Replay.Sequences(planner, templates, sequence.journeyStageByStep());
    }

    /** What a replay stops at: a cancel, and how many leads one side started so far. */
    interface Watch {
        Watch NONE = new Watch() {
        };

        default void replayed(int leads) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    /**
     * The deployed models with the candidates laid over them.
     *
     * @throws InvalidRequestException naming the file, element and reason of a model that would not run
     */
    ModelSet candidate(Map<String, byte[]> candidates) {
        return deployed.withCandidates(candidates);
    }

    /**
     * Deploys the models on a sandbox engine once: the engine's own checks (expressions, element definitions) are the
     * ones that count.
     *
     * @throws InvalidRequestException naming the element and reason of a model the engine refuses
     */
    void checkDeploys(ModelSet models, Instant at) {
        try (SandboxEngine sandbox = SandboxEngine.start(at)) {
            sandbox.deploy(models.files());
        } catch (SandboxEngine.ModelRejectedException e) {
            throw new InvalidRequestException("The candidate models do not deploy",
                    List.of(new FieldError(ModelSet.FIELD, e.getMessage())));
        }
    }

    /**
     * How many leads arrived in [from, to).
     *
     * @throws InvalidRequestException when the period is empty, has no lead or more than a simulation replays
     */
    int checkPeriod(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("The period is empty", List.of(new FieldError("to", "must be after from")));
        }
        int leads = history.count(from, to, settings.maxLeads());
        if (leads == 0) {
            throw new InvalidRequestException("No lead to replay", List.of(new FieldError("from",
                    "no lead arrived between " + from + " and " + to)));
        }
        if (leads > settings.maxLeads()) {
            throw new InvalidRequestException("Too many leads to replay", List.of(new FieldError("from",
                    "more than " + settings.maxLeads() + " leads arrived between " + from + " and " + to
                            + " (leadflow.simulation.max-leads): choose a shorter period")));
        }
        return leads;
    }

    /** The leads that arrived in [from, to), by arrival. */
    List<ReplayLead> period(Instant from, Instant to) {
        return history.between(from, to, settings.maxLeads());
    }

    /**
     * Replays the leads (by arrival) through the candidate models, then the deployed ones, each followed until the
     * horizon after {@code end}; {@code watch} hears of both sides in turn (the second side counts on from the first).
     */
    SimulationDiff replay(ModelSet candidate, List<ReplayLead> leads, Instant end, Watch watch) {
        RepTeams teams = RepTeams.of(reps, assignment.defaultTeam());
        Replay replay = new Replay(settings, calendar, json, teams, Duration.ofHours(assignment.firstAttemptWorkingHours()),
                sequences);
        Instant until = end.plus(settings.horizon());
        List<LeadOutcome> candidateOutcomes = replay.run(candidate, leads, until, progress(watch, 0));
        List<LeadOutcome> deployedOutcomes = replay.run(deployed, leads, until, progress(watch, leads.size()));
        return SimulationDiff.of(deployedOutcomes, candidateOutcomes, teams.monthlyCapacity());
    }

    private static Replay.Progress progress(Watch watch, int before) {
        return new Replay.Progress() {
            private int reported = -1;

            @Override
            public void leadsStarted(int leads) {
                // Told when it moved, not at every step of the clock.
                if (leads != reported) {
                    reported = leads;
                    watch.replayed(before + leads);
                }
            }

            @Override
            public boolean cancelled() {
                return watch.cancelled();
            }
        };
    }
}
