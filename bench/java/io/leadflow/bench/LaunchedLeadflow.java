package io.leadflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * leadflow started the way its README says, {@code mvn spring-boot:run} (the pom's JVM flags: full JIT), in a
 * process of its own, on the bench's database (through {@link PgStatementCounter}), ports and a fresh engine
 * data directory. The benchmark drives it from outside: HTTP, the engine's gRPC port, the database, and the
 * engine's positions from {@code /actuator/health} (with the API key).
 */
final class LaunchedLeadflow implements AutoCloseable {

    private static final String MAIN_CLASS = "io.leadflow.LeadflowApplication";
    private static final Pattern COMMITTED = Pattern.compile("\"committedPosition\"\\s*:\\s*(-?\\d+)");
    private static final Pattern BACKLOG = Pattern.compile("\"backlog\"\\s*:\\s*(-?\\d+)");

    private final Process maven;
    private final ProcessHandle leadflow;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LaunchedLeadflow(Process maven, ProcessHandle leadflow, URI base) {
        this.maven = maven;
        this.leadflow = leadflow;
        this.base = base;
    }

    /** Drops and recreates the bench database, then starts leadflow with {@code mvn spring-boot:run} and waits until it is UP. */
    static LaunchedLeadflow start() throws Exception {
        BenchApplication.resetDatabase();
        int port = BenchApplication.intProperty("bench.server-port", 18080);
        Path data = Path.of("target", "bench-engine", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        Path log = Path.of("target", "bench-leadflow.log").toAbsolutePath();
        List<String> arguments = List.of(
                "--server.port=" + port,
                "--leadflow.base-url=http://localhost:" + port,
                "--leadflow.engine.embedded.port=" + BenchApplication.intProperty("bench.engine-port", 26700),
                "--spring.mail.port=" + BenchApplication.intProperty("bench.smtp-port", 3125),
                "--leadflow.mail.inbox.port=" + BenchApplication.intProperty("bench.imap-port", 3243),
                "--spring.datasource.url=" + BenchApplication.statementCounter().url(),
                "--leadflow.database.embedded-fallback=false",
                "--leadflow.engine.data-dir=" + data);
        // The README's command; the tests are not compiled (the bench's classes, compiled with them, stay as they are).
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-Dmaven.test.skip=true", "spring-boot:run",
                "-Dspring-boot.run.arguments=" + String.join(" ", arguments)));
        if (Boolean.getBoolean("bench.offline")) {
            command.add(1, "-o");
        }
        long started = System.nanoTime();
        // Another checkout of leadflow (an earlier version, to compare) when bench.leadflow-dir names one.
        Path checkout = Path.of(System.getProperty("bench.leadflow-dir", ".")).toAbsolutePath();
        Process maven = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://localhost:" + port);
        LaunchedLeadflow launched = null;
        long deadline = started + TimeUnit.MINUTES.toNanos(5);
        while (launched == null) {
            if (!maven.isAlive() || System.nanoTime() > deadline) {
                maven.descendants().forEach(ProcessHandle::destroy);
                maven.destroy();
                throw new IllegalStateException("leadflow did not start with mvn spring-boot:run; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(500);
            // Maven runs in a JVM of its own; leadflow's is the one it forked with leadflow's main class.
            Optional<ProcessHandle> jvm = maven.descendants().filter(p -> commandLine(p).contains(" " + MAIN_CLASS + " ")).findFirst();
            if (jvm.isPresent() && up(base)) {
                launched = new LaunchedLeadflow(maven, jvm.get(), base);
            }
        }
        System.out.printf("leadflow started with mvn spring-boot:run in %s in %.1f s (database %s, log %s)%n",
                checkout.normalize(), (System.nanoTime() - started) / 1e9, BenchApplication.DATABASE, log);
        System.out.println("its JVM: " + commandLine(launched.leadflow).replaceAll(" -cp \\S+", " -cp …"));
        return launched;
    }

    /** What a benchmark does with a launched leadflow. */
    @FunctionalInterface
    interface Benchmark {
        void run(LaunchedLeadflow leadflow) throws Exception;
    }

    /** Launches leadflow, runs the benchmark, stops leadflow, then ends the JVM (status 1 if the benchmark failed). */
    static void run(Benchmark benchmark) {
        int status = 0;
        try (LaunchedLeadflow leadflow = start()) {
            benchmark.run(leadflow);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** The whole command line (Linux: ProcessHandle.Info cuts it at 4 KB, a class path is longer). */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    private static boolean up(URI base) {
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    URI base() {
        return base;
    }

    /** The CPU time leadflow's JVM has used so far, all its threads. */
    Duration cpu() {
        return leadflow.info().totalCpuDuration().orElseThrow();
    }

    /** The engine's gRPC address, for a client of the bench's own. */
    URI engine() {
        return URI.create("http://127.0.0.1:" + BenchApplication.intProperty("bench.engine-port", 26700));
    }

    /** The engine's position of the last record made durable in its log, and how many records wait to be processed. */
    record EnginePosition(long committed, long backlog) {
    }

    EnginePosition enginePosition() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                        .header("Authorization", "Bearer " + FitLeads.API_KEY).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher committed = COMMITTED.matcher(health.body());
        Matcher backlog = BACKLOG.matcher(health.body());
        if (!committed.find() || !backlog.find()) {
            throw new IllegalStateException("no engine positions in /actuator/health: " + health.body());
        }
        return new EnginePosition(Long.parseLong(committed.group(1)), Long.parseLong(backlog.group(1)));
    }

    /**
     * Waits until the engine is idle (at most {@code cap}): its log grown by at most 20 records in 3 s (an engine that
     * writes its workers' empty polls to the log, as leadflow did before, never stands quite still); answers its
     * position and says how much the log grew in those 3 s.
     */
    long awaitEngineIdle(Duration cap) throws Exception {
        long deadline = System.nanoTime() + cap.toNanos();
        while (true) {
            EnginePosition before = enginePosition();
            TimeUnit.SECONDS.sleep(3);
            EnginePosition after = enginePosition();
            long grown = after.committed() - before.committed();
            if (grown <= 20 || System.nanoTime() > deadline) {
                System.out.printf("engine %s: its log grew by %d records in 3 s%n", grown <= 20 ? "idle" : "NOT idle within " + cap, grown);
                return after.committed();
            }
        }
    }

    /** Writes leadflow's threads, with what each waits for, to target/bench-threads-{name}.txt. */
    void threadDump(String name) {
        Path jcmd = Path.of(leadflow.info().command().orElseThrow()).resolveSibling("jcmd");
        Path file = Path.of("target", "bench-threads-" + name + ".txt");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(leadflow.pid()), "Thread.print", "-l")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            dump.waitFor(60, TimeUnit.SECONDS);
            System.out.printf("thread dump of leadflow: %s (%d bytes)%n", file, Files.size(file));
        } catch (IOException e) {
            System.out.println("no thread dump: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops leadflow as Ctrl-C would (SIGTERM), then Maven. */
    @Override
    public void close() throws Exception {
        leadflow.destroy();
        leadflow.onExit().get(2, TimeUnit.MINUTES);
        maven.destroy();
        maven.waitFor(30, TimeUnit.SECONDS);
    }
}
