package io.leadflow.simulation.internal;

import io.leadflow.assignment.AssignmentProperties;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.MailProperties;
import io.leadflow.email.SendingLimits;
import io.leadflow.engine.EngineProperties;
import io.leadflow.engine.SandboxEngine;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.Json;
import io.leadflow.sequence.SequencePlanner;
import io.leadflow.sequence.SequenceTemplates;
import io.leadflow.simulation.SimulationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

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
    private final SequencePlanner planner;
    private final SequenceTemplates templates;
    private final MailProperties mail;
    private final SendingLimits limits;

    Simulator(LeadHistory history, RepDirectory reps, BusinessHoursCalendar calendar, Json json, SimulationProperties settings,
              AssignmentProperties assignment, EngineProperties engine, SequencePlanner planner,
              SequenceTemplates templates, MailProperties mail, SendingLimits limits) {
        this.history = history;
        this.reps = reps;
        this.calendar = calendar;
        this.json = json;
        this.settings = settings;
        this.assignment = assignment;
        this.deployed = ModelSet.deployed(engine.processesLocation());
        this.planner = planner;
        this.templates = templates;
        this.mail = mail;
        this.limits = limits;
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
     * Replays the leads (by arrival) through the candidate models and through the deployed ones at once, each on a thread
     * and a sandbox of its own (they share nothing but their inputs, so each keeps a core busy), each followed until the
     * horizon after {@code end}; {@code watch} hears of the leads both sides started together, from one thread at a time.
     * A side that fails or is cancelled stops the other.
     */
    SimulationDiff replay(ModelSet candidate, List<ReplayLead> leads, Instant end, Watch watch) {
        RepTeams teams = RepTeams.of(reps, assignment.defaultTeam());
        Replay replay = new Replay(settings, calendar, json, teams, Duration.ofHours(assignment.firstAttemptWorkingHours()),
                new Replay.Sequences(planner, templates, RepMailboxes.of(reps, mail, limits)));
        Instant until = end.plus(settings.horizon());
        BothSides sides = new BothSides(watch);
        FutureTask<List<LeadOutcome>> candidateSide = new FutureTask<>(() -> sides.run(0, side -> replay.run(candidate, leads, until, side)));
        Thread.ofPlatform().name("leadflow-simulation-candidate").daemon().start(candidateSide);
        List<LeadOutcome> deployedOutcomes = sides.run(1, side -> replay.run(deployed, leads, until, side));
        List<LeadOutcome> candidateOutcomes = ended(candidateSide);
        sides.throwFirstFailure();
        return SimulationDiff.of(deployedOutcomes, candidateOutcomes, teams.monthlyCapacity());
    }

    /** The side's outcomes once it ended (null if it failed: {@link BothSides} keeps why). */
    private static List<LeadOutcome> ended(FutureTask<List<LeadOutcome>> side) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return side.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("The candidate side of the replay failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The two sides' progress told as one; the first side to fail (or be cancelled) stops the other, and its failure is
     * the replay's.
     */
    private static final class BothSides {
        private final Watch watch;
        private final int[] started = new int[2];
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private int reported = -1;

        BothSides(Watch watch) {
            this.watch = watch;
        }

        /** Runs one side; null if it failed. */
        List<LeadOutcome> run(int index, Function<Replay.Progress, List<LeadOutcome>> side) {
            try {
                return side.apply(progress(index));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                return null;
            }
        }

        void throwFirstFailure() {
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        private Replay.Progress progress(int index) {
            return new Replay.Progress() {
                @Override
                public void leadsStarted(int leads) {
                    told(index, leads);
                }

                @Override
                public boolean cancelled() {
                    return failure.get() != null || watch.cancelled();
                }
            };
        }

        private synchronized void told(int index, int leads) {
            started[index] = leads;
            int both = started[0] + started[1];
            // Told when it moved, not at every step of the clock.
            if (both != reported) {
                reported = both;
                watch.replayed(both);
            }
        }
    }
}
