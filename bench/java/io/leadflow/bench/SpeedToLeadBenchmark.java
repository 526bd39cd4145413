package io.leadflow.bench;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speed to lead: from a fitting lead's POST to its rep's "First contact" task, at a steady arrival rate, into
 * leadflow started with {@code mvn spring-boot:run}; first {@code bench.live-sequences} leads are imported and
 * worked through the whole path (qualified, assigned, mailed, sequenced: {@link ImportBenchmark}) and left waiting
 * on their sequences; then, on the same engine, a bare start → service task → end process for comparison.
 *
 * <p>System properties: bench.live-sequences (10000), bench.rate (leads/s, 20), bench.warmup-seconds (arrivals at
 * the same rate before the measured ones, to let the JIT compile leadflow's path, 15), bench.seconds (60),
 * bench.wait-seconds (cap on waiting for the tasks after the last POST, 300), bench.bare-sequential (instances one
 * at a time, 200), bench.bare-instances (2000), bench.bare-in-flight (64).
 */
public final class SpeedToLeadBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String FIRST_CONTACT = "Task_FirstContact";

    private SpeedToLeadBenchmark() {
    }

    public static void main(String[] args) {
        LaunchedLeadflow.run(leadflow -> {
            int live = BenchApplication.intProperty("bench.live-sequences", 10_000);
            if (live > 0) {
                System.out.printf("== %d leads imported first and left waiting on their sequences, as in a real week%n", live);
                ImportBenchmark.run(leadflow, live);
            }
            int rate = BenchApplication.intProperty("bench.rate", 20);
            int warmup = BenchApplication.intProperty("bench.warmup-seconds", 15);
            if (warmup > 0) {
                System.out.printf("== warm-up: %d s at %d leads/s (not counted)%n", warmup, rate);
                speedToLead(leadflow, rate, warmup, null);
            }
            System.out.println("== measured");
            LeadCost cost = LeadCost.mark(leadflow);
            SpeedToLead lead = speedToLead(leadflow, rate, BenchApplication.intProperty("bench.seconds", 60),
                    () -> leadflow.threadDump("speed-to-lead"));
            cost.print("speed to lead", lead.leads());
            BareEngineBenchmark.Bare[] bare = BareEngineBenchmark.run(leadflow);
            System.out.printf("ratio speed-to-lead p50 / bare engine p50 = %.1f (vs one at a time: %.1f); "
                            + "bare engine throughput / achieved lead throughput = %.1f%n",
                    lead.p50 / bare[1].p50(), lead.p50 / bare[0].p50(), bare[1].perSecond() / lead.tasksPerSecond);
        });
    }

    record SpeedToLead(double p50, double tasksPerSecond, int leads) {
    }

    /** Posts {@code rate} leads a second for {@code seconds}, running {@code midway} (if any) half way; waits for their tasks. */
    static SpeedToLead speedToLead(LaunchedLeadflow leadflow, int rate, int seconds, Runnable midway) throws Exception {
        int waitSeconds = BenchApplication.intProperty("bench.wait-seconds", 300);
        int total = rate * seconds;
        URI uri = leadflow.base().resolve("/api/leads");
        FitLeads leads = new FitLeads("bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        Map<UUID, Instant> sentAt = new ConcurrentHashMap<>();
        List<Double> postMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastResponse = new AtomicLong();
        AtomicLong lastSend = new AtomicLong();
        CountDownLatch answered = new CountDownLatch(total);

        System.out.printf("speed-to-lead: %d leads at %d leads/s for %d s to %s%n", total, rate, seconds, uri);
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        Instant firstSend = Instant.now();
        if (midway != null) {
            // Off the sender's thread, which must keep the arrival rate.
            CompletableFuture.delayedExecutor(seconds / 2, TimeUnit.SECONDS).execute(midway);
        }
        sender.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            HttpRequest request = leads.post(leadflow.base(), n);
            Instant at = Instant.now();
            long t0 = System.nanoTime();
            lastSend.set(t0);
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                try {
                    Matcher id = response == null ? null : ID.matcher(response.body());
                    if (error == null && response.statusCode() == 201 && id.find()) {
                        sentAt.put(UUID.fromString(id.group(1)), at);
                        postMillis.add((System.nanoTime() - t0) / 1e6);
                        lastResponse.set(System.nanoTime());
                    } else {
                        failed.incrementAndGet();
                    }
                } finally {
                    answered.countDown();
                }
            });
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);

        boolean allAnswered = answered.await(seconds + 120L, TimeUnit.SECONDS);
        sender.shutdownNow();
        double sendWindow = (lastSend.get() - start) / 1e9;
        double acceptSeconds = (lastResponse.get() - start) / 1e9;
        System.out.printf("POST /api/leads: %d accepted, %d failed%s, response p50=%.0f ms p99=%.0f ms max=%.0f ms%n",
                sentAt.size(), failed.get(), allAnswered ? "" : " (some never answered)",
                BenchApplication.percentile(postMillis, 50), BenchApplication.percentile(postMillis, 99),
                BenchApplication.percentile(postMillis, 100));

        // The First contact task is visible through GET /api/leads/{id} from its rep_task row on.
        Map<UUID, Instant> visibleAt = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        try (Connection db = BenchApplication.connect();
             PreparedStatement tasks = db.prepareStatement(
                     "select lead_id, created_at from rep_task where element_id = ? and created_at >= ?")) {
            do {
                tasks.setString(1, FIRST_CONTACT);
                tasks.setTimestamp(2, java.sql.Timestamp.from(firstSend.minusSeconds(1)));
                try (ResultSet rs = tasks.executeQuery()) {
                    while (rs.next()) {
                        visibleAt.putIfAbsent(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                    }
                }
                if (visibleAt.keySet().containsAll(sentAt.keySet())) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
        }

        List<Double> latencies = new ArrayList<>();
        Instant lastVisible = firstSend;
        for (var entry : sentAt.entrySet()) {
            Instant visible = visibleAt.get(entry.getKey());
            if (visible != null) {
                latencies.add(Duration.between(entry.getValue(), visible).toNanos() / 1e6);
                lastVisible = visible.isAfter(lastVisible) ? visible : lastVisible;
            }
        }
        double tasksSeconds = Duration.between(firstSend, lastVisible).toNanos() / 1e9;
        double tasksPerSecond = latencies.size() / tasksSeconds;
        double p50 = BenchApplication.percentile(latencies, 50);
        System.out.printf("offered %.1f leads/s (%d POSTs in %.1f s), accepted %.1f leads/s, First contact tasks %.1f tasks/s (%d in %.1f s)%n",
                (total - 1) / Math.max(sendWindow, 1e-9), total, sendWindow, sentAt.size() / acceptSeconds,
                tasksPerSecond, latencies.size(), tasksSeconds);
        if (latencies.size() < sentAt.size()) {
            System.out.printf("WARNING: %d accepted leads had no First contact task after %d s%n",
                    sentAt.size() - latencies.size(), waitSeconds);
        }
        System.out.printf("speed-to-lead p50=%.0f ms p90=%.0f ms p99=%.0f ms max=%.0f ms (n=%d, %.1f leads/s)%n",
                p50, BenchApplication.percentile(latencies, 90), BenchApplication.percentile(latencies, 99),
                BenchApplication.percentile(latencies, 100), latencies.size(), tasksPerSecond);
        return new SpeedToLead(p50, tasksPerSecond, sentAt.size());
    }
}
