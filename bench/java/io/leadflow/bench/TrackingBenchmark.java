package io.leadflow.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tracking endpoints under load: opens and clicks of sequence emails at {@code bench.tracking-rate} requests a
 * second (200), half opens and half clicks, spread over {@code bench.tracking-emails} emails (200) of as many leads,
 * for {@code bench.tracking-seconds} (60) after a warm-up of {@code bench.tracking-warmup} seconds (10) at the same
 * rate. Open loop: each request leaves at its planned moment whatever the answers before it, and its latency is from
 * that moment to the full answer, so a stall counts for every request it held up. leadflow is started with
 * {@code mvn spring-boot:run}. The emails are the ones a sequence stores: their leads posted through the API, the
 * tracked email and its sent mail written as the sequence and the dispatcher write them (a sequence email waits days
 * for its step), their links signed with the secret leadflow generated.
 */
public final class TrackingBenchmark {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    private TrackingBenchmark() {
    }

    public static void main(String[] args) {
        LaunchedLeadflow.run(TrackingBenchmark::run);
    }

    static void run(LaunchedLeadflow leadflow) throws Exception {
        int emails = BenchApplication.intProperty("bench.tracking-emails", 200);
        int rate = BenchApplication.intProperty("bench.tracking-rate", 200);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        FitLeads leads = new FitLeads("tracking");
        System.out.printf("posting %d leads%n", leads.postEach(http, leadflow.base(), emails));
        try (Connection db = BenchApplication.connect()) {
            // Measured once the leads' own work (qualify, assign, plan, task) is done: the tracking alone.
            System.out.println("leads settled: " + leads.awaitDone(db, emails, Duration.ofMinutes(5)));
        }
        List<URI> links = trackedEmails(leadflow.base(), emails);
        System.out.printf("== warm-up, %d s at %d/s (not counted)%n", BenchApplication.intProperty("bench.tracking-warmup", 10), rate);
        drive(http, links, rate, BenchApplication.intProperty("bench.tracking-warmup", 10));
        System.out.printf("== tracking endpoints, %d s at %d/s, load average %.1f%n", BenchApplication.intProperty("bench.tracking-seconds", 60),
                rate, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Result result = drive(http, links, rate, BenchApplication.intProperty("bench.tracking-seconds", 60));
        System.out.printf("%d requests (%d failed or not 200/302) in %.1f s = %.1f/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "load average after %.1f%n", result.latencies.size() + result.failed, result.failed, result.seconds,
                (result.latencies.size() + result.failed) / result.seconds, BenchApplication.percentile(result.latencies, 50),
                BenchApplication.percentile(result.latencies, 90), BenchApplication.percentile(result.latencies, 99),
                BenchApplication.percentile(result.latencies, 100),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Connection db = BenchApplication.connect();
             ResultSet counts = db.createStatement().executeQuery("select sum(opens), sum(clicks), sum(machine_opens + machine_clicks) from tracked_email")) {
            counts.next();
            System.out.printf("recorded: %d opens, %d clicks, %d by machines%n", counts.getLong(1), counts.getLong(2), counts.getLong(3));
        }
    }

    private record Result(List<Double> latencies, int failed, double seconds) {
    }

    /** Sends {@code rate} requests a second for {@code seconds}, each at its planned moment, cycling through the links. */
    private static Result drive(HttpClient http, List<URI> links, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>(total));
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            // A late tick sends every request whose moment has passed, each timed from its own moment.
            long now = System.nanoTime();
            while (sent.get() < total && start + sent.get() * intervalNanos <= now) {
                int n = sent.getAndIncrement();
                long planned = start + n * intervalNanos;
                HttpRequest request = HttpRequest.newBuilder(links.get(n % links.size())).header("User-Agent", BROWSER)
                        .timeout(Duration.ofSeconds(30)).GET().build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error == null && (response.statusCode() == 200 || response.statusCode() == 302)) {
                        latencies.add((System.nanoTime() - planned) / 1e6);
                    } else {
                        failed.incrementAndGet();
                    }
                    done.countDown();
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        return new Result(latencies, failed.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * One tracked email per lead of this run, sent an hour ago, with one link; answers its open and click URLs,
     * alternating.
     */
    private static List<URI> trackedEmails(URI base, int count) throws Exception {
        List<URI> links = new ArrayList<>();
        try (Connection db = BenchApplication.connect()) {
            List<UUID> leadIds = awaitLeads(db, count);
            SecretKeySpec key = new SecretKeySpec(secret(db).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            Timestamp sentAt = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
            try (PreparedStatement mail = db.prepareStatement("""
                    insert into outbound_mail (idempotency_key, lead_id, recipient, subject, text_body, message_id, status,
                        next_attempt_at, created_at, sent_at) values (?, ?, 'bench@andesnet.co', 'Bench', 'Bench', ?, 'SENT', ?, ?, ?)""");
                 PreparedStatement tracked = db.prepareStatement("""
                    insert into tracked_email (id, outbox_key, lead_id, round, step, template, links, created_at)
                    values (?, ?, ?, 1, 2, 'any__any__awareness.es.ftl', '["https://example.com/recursos/guia"]', ?)""")) {
                for (UUID lead : leadIds) {
                    String outboxKey = "sequence:" + lead + ":2";
                    UUID id = UUID.nameUUIDFromBytes(outboxKey.getBytes(StandardCharsets.UTF_8));
                    mail.setString(1, outboxKey);
                    mail.setObject(2, lead);
                    mail.setString(3, "<" + id + "@bench>");
                    mail.setTimestamp(4, sentAt);
                    mail.setTimestamp(5, sentAt);
                    mail.setTimestamp(6, sentAt);
                    mail.addBatch();
                    tracked.setObject(1, id);
                    tracked.setString(2, outboxKey);
                    tracked.setObject(3, lead);
                    tracked.setTimestamp(4, sentAt);
                    tracked.addBatch();
                    links.add(base.resolve("/track/" + id + "/open/" + sign(key, "open:" + id)));
                    links.add(base.resolve("/track/" + id + "/click/0/" + sign(key, "click:" + id + ":0")));
                }
                mail.executeBatch();
                tracked.executeBatch();
            }
        }
        return links;
    }

    private static List<UUID> awaitLeads(Connection db, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("select id from lead where email like 'tracking.%'")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            if (ids.size() >= count || System.nanoTime() > deadline) {
                return ids;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** The links' secret as leadflow generated it in development (no LEADFLOW_UNSUBSCRIBE_SECRET set). */
    private static String secret(Connection db) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(
                "select value from generated_secret where name = 'leadflow.sequence.unsubscribe-secret'")) {
            if (!rs.next()) {
                throw new IllegalStateException("leadflow has not generated its links' secret");
            }
            return rs.getString(1);
        }
    }

    private static String sign(SecretKeySpec key, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
