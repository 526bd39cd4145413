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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes a simulation, checks what can be checked at once (the models parse and deploy, the period has leads), and runs
 * it in the background, one at a time: the candidate models replayed, then the deployed ones, then the diff stored. A
 * running simulation can be cancelled; a finished one is kept for the configured time.
 */
@Service
class SimulationRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulationRunner.class);

    private final SimulationRepository simulations;
    private final LeadHistory history;
    private final RepDirectory reps;
    private final BusinessHoursCalendar calendar;
    private final Json json;
    private final Clock clock;
    private final SimulationProperties settings;
    private final AssignmentProperties assignment;
    private final ModelSet deployed;
    private final Replay.Sequences sequences;
    private final Map<UUID, AtomicBoolean> cancellations = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leadflow-simulation");
        thread.setDaemon(true);
        return thread;
    });

    SimulationRunner(SimulationRepository simulations, LeadHistory history, RepDirectory reps, BusinessHoursCalendar calendar,
                     Json json, Clock clock, SimulationProperties settings, AssignmentProperties assignment,
                     EngineProperties engine, SequencePlanner planner, EmailTemplateCatalog templates,
                     SequenceProperties sequence) {
        this.simulations = simulations;
        this.history = history;
        this.reps = reps;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.assignment = assignment;
        this.deployed = ModelSet.deployed(engine.processesLocation());
        this.sequences = new Replay.Sequences(planner, templates, sequence.journeyStageByStep());
    }

    /**
     * Accepts the simulation of the candidate models over the leads that arrived in [from, to) and starts it.
     *
     * @throws InvalidRequestException naming what is wrong: a model that does not parse or deploy, a decision no model
     *                                 defines or whose inputs are not the lead's facts, a period without leads or with too many
     */
    UUID submit(Map<String, byte[]> candidates, Instant from, Instant to, String requestedBy) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("The period is empty", List.of(new FieldError("to", "must be after from")));
        }
        ModelSet candidate = deployed.withCandidates(candidates);
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
        checkDeploys(candidate, from);
        UUID id = UUID.randomUUID();
        simulations.insert(id, requestedBy, from, to, candidate.candidateFiles(), leads, clock.instant());
        AtomicBoolean cancelled = new AtomicBoolean();
        cancellations.put(id, cancelled);
        executor.execute(() -> run(id, candidate, from, to, cancelled));
        return id;
    }

    /** The engine's own checks (expressions, element definitions) are the ones that count: the models are deployed once. */
    private static void checkDeploys(ModelSet models, Instant at) {
        try (SandboxEngine sandbox = SandboxEngine.start(at)) {
            sandbox.deploy(models.files());
        } catch (SandboxEngine.ModelRejectedException e) {
            throw new InvalidRequestException("The candidate models do not deploy",
                    List.of(new FieldError(ModelSet.FIELD, e.getMessage())));
        }
    }

    private void run(UUID id, ModelSet candidate, Instant from, Instant to, AtomicBoolean cancelled) {
        try {
            if (cancelled.get()) {
                return;
            }
            simulations.progress(id, SimulationRepository.Status.RUNNING, 0);
            List<ReplayLead> leads = history.between(from, to, settings.maxLeads());
            RepTeams teams = RepTeams.of(reps, assignment.defaultTeam());
            Replay replay = new Replay(settings, calendar, json, teams, Duration.ofHours(assignment.firstAttemptWorkingHours()),
                    sequences);
            Instant until = to.plus(settings.horizon());
            List<LeadOutcome> candidateOutcomes = replay.run(candidate, leads, until, progress(id, 0, cancelled));
            List<LeadOutcome> deployedOutcomes = replay.run(deployed, leads, until, progress(id, leads.size(), cancelled));
            SimulationDiff diff = SimulationDiff.of(deployedOutcomes, candidateOutcomes, teams.monthlyCapacity());
            simulations.finish(id, SimulationRepository.Status.DONE, null, json.write(diff), clock.instant());
        } catch (CancellationException e) {
            simulations.finish(id, SimulationRepository.Status.CANCELLED, "cancelled", null, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Simulation {} failed", id, e);
            simulations.finish(id, SimulationRepository.Status.FAILED, e.getMessage(), null, clock.instant());
        } finally {
            cancellations.remove(id);
        }
    }

    /** Progress counts the leads started on both sides: the candidate's first, then the deployed models'. */
    private Replay.Progress progress(UUID id, int before, AtomicBoolean cancelled) {
        return new Replay.Progress() {
            private int reported = -1;

            @Override
            public void leadsStarted(int leads) {
                // Written when it moved, not at every step of the clock.
                if (leads != reported) {
                    reported = leads;
                    simulations.progress(id, SimulationRepository.Status.RUNNING, before + leads);
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
    }

    /** Cancels a simulation under way (it ends as cancelled), or deletes a finished one; false when there is none. */
    boolean cancelOrDelete(UUID id) {
        var stored = simulations.find(id);
        if (stored.isEmpty()) {
            return false;
        }
        AtomicBoolean cancelled = cancellations.get(id);
        if (cancelled != null) {
            cancelled.set(true);
            simulations.finish(id, SimulationRepository.Status.CANCELLED, "cancelled", null, clock.instant());
        } else {
            simulations.delete(id);
        }
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        int failed = simulations.failUnfinished("leadflow stopped while the simulation ran: submit it again", clock.instant());
        if (failed > 0) {
            log.info("{} simulations interrupted by a stop marked failed", failed);
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteExpired() {
        simulations.deleteFinishedBefore(clock.instant().minus(settings.keepResultsFor()));
    }

    @Override
    public void destroy() throws InterruptedException {
        cancellations.values().forEach(cancelled -> cancelled.set(true));
        executor.shutdown();
        executor.awaitTermination(1, TimeUnit.MINUTES);
    }
}
