package io.leadflow.simulation.internal;

import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.Json;
import io.leadflow.simulation.SimulationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
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
import java.util.function.Supplier;

/**
 * Takes a simulation, checks what can be checked at once (the models parse and deploy, the period or the file has
 * leads), and runs it in the background, one at a time: the candidate models and the deployed ones replayed at once,
 * then the diff stored. A running simulation can be cancelled; a finished one is kept for the configured time.
 */
@Service
class SimulationRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulationRunner.class);

    private final SimulationRepository simulations;
    private final Simulator simulator;
    private final Json json;
    private final Clock clock;
    private final SimulationProperties settings;
    private final Map<UUID, AtomicBoolean> cancellations = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leadflow-simulation");
        thread.setDaemon(true);
        return thread;
    });

    SimulationRunner(SimulationRepository simulations, Simulator simulator, Json json, Clock clock, SimulationProperties settings) {
        this.simulations = simulations;
        this.simulator = simulator;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Accepts the simulation of the candidate models over the leads that arrived in [from, to) and starts it.
     *
     * @throws InvalidRequestException naming what is wrong: a model that does not parse or deploy, a decision no model
     *                                 defines or whose inputs are not the lead's facts, a period without leads or with too many
     */
    UUID submit(Map<String, byte[]> candidates, Instant from, Instant to, String requestedBy) {
        ModelSet candidate = simulator.candidate(candidates);
        int leads = simulator.checkPeriod(from, to);
        simulator.checkDeploys(candidate, from);
        return start(candidate, from, to, leads, () -> simulator.period(from, to), requestedBy);
    }

    /**
     * Accepts the simulation of the candidate models over the leads of a file (read and checked already) and starts it;
     * its period is from the first lead's arrival to the last's.
     */
    UUID submit(Map<String, byte[]> candidates, List<ReplayLead> leads, String requestedBy) {
        Instant from = leads.getFirst().arrivedAt();
        Instant to = leads.getLast().arrivedAt();
        ModelSet candidate = simulator.candidate(candidates);
        simulator.checkDeploys(candidate, from);
        return start(candidate, from, to, leads.size(), () -> leads, requestedBy);
    }

    private UUID start(ModelSet candidate, Instant from, Instant to, int leads, Supplier<List<ReplayLead>> replayed,
                       String requestedBy) {
        UUID id = UUID.randomUUID();
        simulations.insert(id, requestedBy, from, to, candidate.candidateFiles(), leads, clock.instant());
        AtomicBoolean cancelled = new AtomicBoolean();
        cancellations.put(id, cancelled);
        executor.execute(() -> run(id, candidate, replayed, to, cancelled));
        return id;
    }

    private void run(UUID id, ModelSet candidate, Supplier<List<ReplayLead>> replayed, Instant end, AtomicBoolean cancelled) {
        try {
            if (cancelled.get()) {
                return;
            }
            simulations.progress(id, SimulationRepository.Status.RUNNING, 0);
            SimulationDiff diff = simulator.replay(candidate, replayed.get(), end, new Simulator.Watch() {
                @Override
                public void replayed(int leads) {
                    simulations.progress(id, SimulationRepository.Status.RUNNING, leads);
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }
            });
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
