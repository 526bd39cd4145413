package io.leadflow.bench;

import io.camunda.client.CamundaClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sequence scheduling at volume: many MQLs already owned by a rep (inserted straight into the database)
 * each start a connect sequence; measures how long the starts take, how long until every sequence has
 * its five attempts planned in sequence_attempt, and the heap before and after.
 *
 * <p>System properties: bench.leads (10000), bench.in-flight (64), bench.wait-seconds (cap on waiting for the starts and plans together, 600).
 */
public final class SequenceScheduleBenchmark {

    private static final int ATTEMPTS_PER_SEQUENCE = 5;

    private SequenceScheduleBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            run(app, BenchApplication.intProperty("bench.leads", 10_000));
            return app;
        });
    }

    /** Schedules {@code count} sequences and prints the figures; they stay live (their attempts wait days away). */
    static void run(BenchApplication app, int count) throws Exception {
        int inFlight = BenchApplication.intProperty("bench.in-flight", 64);
        int waitSeconds = BenchApplication.intProperty("bench.wait-seconds", 600);

        List<UUID> ids = insertLeads(count);
        long heapBefore = BenchApplication.heapUsedAfterGc();
        System.out.printf("sequence schedule: %d MQL leads inserted (owner ana, CO); heap used before %.0f MiB%n",
                count, heapBefore / 1048576.0);

        CamundaClient client = app.camunda();
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger failed = new AtomicInteger();
        int issued = 0;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(waitSeconds);
        for (UUID id : ids) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                System.out.printf("WARNING: the cap of %d s passed after %d of %d starts were sent%n", waitSeconds, issued, count);
                break;
            }
            issued++;
            client.newCreateInstanceCommand().bpmnProcessId("lead-sequence").latestVersion().variables(variables(id))
                    .requestTimeout(java.time.Duration.ofMinutes(5)).send().toCompletableFuture().whenComplete((created, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(inFlight);
        double startSeconds = (System.nanoTime() - start) / 1e9;
        int started = issued - failed.get();
        System.out.printf("started %d lead-sequence instances in %.1f s (%.0f instances/s, %d failed)%n",
                started, startSeconds, started / startSeconds, failed.get());

        long expected = (long) started * ATTEMPTS_PER_SEQUENCE;
        long planned = 0;
        try (Connection db = BenchApplication.connect();
             PreparedStatement attempts = db.prepareStatement("select count(*) from sequence_attempt")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = attempts.executeQuery()) {
                    rs.next();
                    planned = rs.getLong(1);
                }
                if (planned >= expected) {
                    break;
                }
                Thread.sleep(250);
            }
        }
        double plannedSeconds = (System.nanoTime() - start) / 1e9;
        if (planned < (long) count * ATTEMPTS_PER_SEQUENCE) {
            System.out.printf("WARNING: only %d of %d attempts (%d of %d sequences) planned within the cap of %d s%n",
                    planned, (long) count * ATTEMPTS_PER_SEQUENCE, planned / ATTEMPTS_PER_SEQUENCE, count, waitSeconds);
        }
        System.out.printf("all attempts planned: %d sequence_attempt rows %.1f s after the first start (%.0f sequences/s)%n",
                planned, plannedSeconds, planned / (double) ATTEMPTS_PER_SEQUENCE / plannedSeconds);

        app.awaitEngineIdle();
        double idleSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("engine idle (every sequence waiting on its timers) %.1f s after the first start%n", idleSeconds);

        long heapAfter = BenchApplication.heapUsedAfterGc();
        System.out.printf("heap used before=%.0f MiB after=%.0f MiB (+%.0f MiB, %.1f KiB per sequence)%n",
                heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0,
                (heapAfter - heapBefore) / 1024.0 / count);
        System.out.printf("sequence schedule start=%.1f s planned=%.1f s idle=%.1f s heap +%.0f MiB (n=%d, %d started, %d planned)%n",
                startSeconds, plannedSeconds, idleSeconds, (heapAfter - heapBefore) / 1048576.0, count, started, planned / ATTEMPTS_PER_SEQUENCE);
    }

    private static Map<String, Object> variables(UUID id) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("leadId", id.toString());
        variables.put("leadType", "FORM_FILL");
        variables.put("owner", "ana");
        variables.put("country", "CO");
        variables.put("timeZone", "America/Bogota");
        variables.put("language", "es");
        variables.put("industry", "telecom");
        return variables;
    }

    private static List<UUID> insertLeads(int count) throws Exception {
        List<UUID> ids = new ArrayList<>(count);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = BenchApplication.connect();
             PreparedStatement insert = db.prepareStatement("""
                     insert into lead (id, type, email, email_key, first_name, last_name, job_title, company, company_domain,
                         employees, industry, country, time_zone, language, source, stage, fit_score, enrichment, owner,
                         created_at, updated_at)
                     values (?, 'FORM_FILL', ?, ?, 'Bench', ?, 'Director de Marketing', 'AndesNet', 'andesnet.co',
                         450, 'telecom', 'CO', 'America/Bogota', 'es', 'ebook', 'MQL', 85,
                         cast('{"persona":"marketing","industry":"telecom","role":"MARKETING_DIRECTOR"}' as jsonb), 'ana', ?, ?)
                     """)) {
            db.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String email = "seq." + run + "." + i + "@andesnet.co";
                insert.setObject(1, id);
                insert.setString(2, email);
                insert.setString(3, email);
                insert.setString(4, "N" + i);
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.addBatch();
                ids.add(id);
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        return ids;
    }
}
