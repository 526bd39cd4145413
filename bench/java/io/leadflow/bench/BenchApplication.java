package io.leadflow.bench;

import io.camunda.client.CamundaClient;
import io.leadflow.LeadflowApplication;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the whole of leadflow in this JVM (embedded engine, mail server, web server) on a clean
 * database of its own and on ports that stay clear of a running leadflow and of the test suite.
 */
final class BenchApplication implements AutoCloseable {

    static final String DATABASE = System.getProperty("bench.database", "leadflow_bench");
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    /** Every benchmark's leadflow reaches PostgreSQL through it, so the statements it runs can be counted. */
    private static PgStatementCounter statements;

    private final ConfigurableApplicationContext context;
    private final Path engineData;

    private BenchApplication(ConfigurableApplicationContext context, Path engineData) {
        this.context = context;
        this.engineData = engineData;
    }

    /** Drops and recreates the bench database, then starts leadflow against it with a fresh engine data directory. */
    static BenchApplication start() {
        resetDatabase();
        return start(Path.of("target", "bench-engine", Long.toString(System.currentTimeMillis())));
    }

    /** Starts leadflow on the bench database as it is and the given engine data directory (a restart). */
    static BenchApplication start(Path engineData) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadflow.engine.data-dir", engineData.toAbsolutePath());
        properties.put("spring.datasource.url", statementCounter().url());
        properties.put("leadflow.database.embedded-fallback", "false");
        properties.put("leadflow.engine.embedded.port", intProperty("bench.engine-port", 26700));
        properties.put("spring.mail.port", intProperty("bench.smtp-port", 3125));
        properties.put("leadflow.mail.inbox.port", intProperty("bench.imap-port", 3243));
        properties.put("server.port", intProperty("bench.server-port", 18080));
        properties.put("leadflow.base-url", "http://localhost:" + intProperty("bench.server-port", 18080));
        // Development secrets (the API key dev-api-key, a generated unsubscribe key): outside dev leadflow requires its own.
        properties.put("spring.profiles.active", "dev");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        // As command-line arguments: they win over application.yaml (default properties would not).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        long started = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplication(LeadflowApplication.class).run(arguments);
        System.out.printf("leadflow started in %d ms (database %s)%n", (System.nanoTime() - started) / 1_000_000, DATABASE);
        return new BenchApplication(context, engineData);
    }

    /** Waits until the engine is idle: its log stands still for 1.5 s. */
    void awaitEngineIdle() throws InterruptedException {
        EmbeddedZeebe engine = engine();
        long last = -1;
        int still = 0;
        while (still < 3) {
            Thread.sleep(500);
            long committed = engine.committedPosition();
            still = committed == last ? still + 1 : 0;
            last = committed;
        }
    }

    static synchronized PgStatementCounter statementCounter() {
        if (statements == null) {
            try {
                statements = PgStatementCounter.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return statements;
    }

    EmbeddedZeebe engine() {
        return context.getBean(EmbeddedZeebe.class);
    }

    Path engineData() {
        return engineData;
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    CamundaClient camunda() {
        return context.getBean(CamundaClient.class);
    }

    /** A connection of the benchmark's own, next to leadflow's pool. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + DATABASE, USER, "");
    }

    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's resident memory (heap, RocksDB's native memory, code), from /proc. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static long directoryBytes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** What a benchmark does with a running leadflow; answers the leadflow it leaves running (it may restart it). */
    @FunctionalInterface
    interface Benchmark {
        BenchApplication run(BenchApplication app) throws Exception;
    }

    /** Starts leadflow afresh, runs the benchmark, then stops leadflow and the JVM (status 1 if it failed). */
    static void run(Benchmark benchmark) {
        BenchApplication app = null;
        int status = 0;
        try {
            app = benchmark.run(start());
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            exit(app, status);
        }
    }

    /** Stops leadflow and the JVM. */
    private static void exit(BenchApplication app, int status) {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            System.out.flush();
            System.exit(status);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    static void resetDatabase() {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reset database " + DATABASE, e);
        }
    }
}
