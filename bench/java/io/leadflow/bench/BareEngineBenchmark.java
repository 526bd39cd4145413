package io.leadflow.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bare engine inside leadflow started with {@code mvn spring-boot:run}: a start → service task → end process
 * with an auto-completing worker (on a job stream, as leadflow's workers), started with {@code withResult()} so
 * each instance's latency is create → end; after a warm-up, first one at a time (the engine's floor), then as fast as the engine
 * takes them with {@code bench.bare-in-flight} in flight (its throughput; latency there includes queueing).
 *
 * <p>System properties: bench.bare-warmup (instances before the measured ones, to let the JIT compile the engine's
 * path, 2000), bench.bare-sequential (200), bench.bare-instances (2000), bench.bare-in-flight (64).
 */
public final class BareEngineBenchmark {

    private BareEngineBenchmark() {
    }

    public static void main(String[] args) {
        LaunchedLeadflow.run(BareEngineBenchmark::run);
    }

    record Bare(double p50, double perSecond) {
    }

    /** One at a time, then many in flight. */
    static Bare[] run(LaunchedLeadflow leadflow) throws Exception {
        try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(leadflow.engine())
                .restAddress(leadflow.base()).preferRestOverGrpc(false).build()) {
            deployBare(client);
            try (JobWorker worker = client.newWorker().jobType("bench-bare-task").handler((jobs, job) -> jobs.newCompleteCommand(job).send().join())
                    .streamEnabled(true).open()) {
                int warmup = BenchApplication.intProperty("bench.bare-warmup", 2000);
                if (warmup > 0) {
                    System.out.printf("== bare engine warm-up (not counted)%n");
                    bareEngine(client, warmup, BenchApplication.intProperty("bench.bare-in-flight", 64));
                }
                return new Bare[] {
                        bareEngine(client, BenchApplication.intProperty("bench.bare-sequential", 200), 1),
                        bareEngine(client, BenchApplication.intProperty("bench.bare-instances", 2000),
                                BenchApplication.intProperty("bench.bare-in-flight", 64))};
            }
        }
    }

    private static void deployBare(CamundaClient client) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("bench-bare")
                .startEvent().serviceTask("t", t -> t.zeebeJobType("bench-bare-task")).endEvent().done();
        // After an overload the engine may still be working off its backlog.
        client.newDeployResourceCommand().addProcessModel(model, "bench-bare.bpmn").requestTimeout(Duration.ofMinutes(5)).send().join();
    }

    /** Starts instances with at most inFlight waiting for their result; each latency is create → end. */
    private static Bare bareEngine(CamundaClient client, int instances, int inFlight) throws Exception {
        System.out.printf("bare engine: %d instances of start -> service task -> end, %d in flight%n", instances, inFlight);
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        Semaphore slots = new Semaphore(inFlight);
        long start = System.nanoTime();
        for (int i = 0; i < instances; i++) {
            slots.acquire();
            long t0 = System.nanoTime();
            client.newCreateInstanceCommand().bpmnProcessId("bench-bare").latestVersion().withResult()
                    .requestTimeout(Duration.ofSeconds(60)).send().toCompletableFuture()
                    .whenComplete((result, error) -> {
                        if (error == null) {
                            latencies.add((System.nanoTime() - t0) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double perSecond = latencies.size() / elapsed;
        double p50 = BenchApplication.percentile(latencies, 50);
        System.out.printf("bare engine (%d in flight) %.0f instances/s p50=%.0f ms p99=%.0f ms max=%.0f ms (n=%d, %d failed, %.1f s)%n",
                inFlight, perSecond, p50, BenchApplication.percentile(latencies, 99), BenchApplication.percentile(latencies, 100),
                latencies.size(), failed.get(), elapsed);
        return new Bare(p50, perSecond);
    }
}
