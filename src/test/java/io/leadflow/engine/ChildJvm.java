package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.FreePorts;
import io.leadflow.TestDatabase;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Java program of this build run as a process of its own (leadflow, or the engine alone), with
 * this test's class path, its output in a file under target/, killed or stopped as a person would.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** A program of this build, on this test's class path (from its AOT cache: {@link ChildJvmAotCache}). */
    static ChildJvm start(String name, String mainClass, List<String> arguments) throws Exception {
        return start(name, ChildJvmAotCache.launchOptions(), mainClass, arguments);
    }

    /** A program of this build on the given class path. */
    static ChildJvm start(String name, String classPath, String mainClass, List<String> arguments) throws IOException {
        return start(name, List.of("-cp", classPath), mainClass, arguments);
    }

    /** A program of this build, its classes where {@code classPathOptions} (-cp, and the AOT cache if any) say. */
    private static ChildJvm start(String name, List<String> classPathOptions, String mainClass, List<String> arguments)
            throws IOException {
        Path output = Path.of("target", "child-jvm", name + "-" + System.currentTimeMillis() + ".log");
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(classPathOptions);
        command.add(mainClass);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ChildJvm(process, output);
    }

    /** leadflow as a user starts it (see {@link #startLeadflow}); returns once its health is UP. */
    static ChildJvm leadflow(String name, Ports ports, TestDatabase database, List<String> settings) throws Exception {
        return leadflow(name, ChildJvmAotCache.launchOptions(), ports, database, settings);
    }

    /** leadflow on the given class path, as {@link #leadflow(String, Ports, TestDatabase, List)}. */
    static ChildJvm leadflow(String name, String classPath, Ports ports, TestDatabase database, List<String> settings) throws Exception {
        return leadflow(name, List.of("-cp", classPath), ports, database, settings);
    }

    /** leadflow with its classes where {@code classPathOptions} say, as {@link #leadflow(String, Ports, TestDatabase, List)}. */
    static ChildJvm leadflow(String name, List<String> classPathOptions, Ports ports, TestDatabase database, List<String> settings)
            throws Exception {
        ChildJvm child = startLeadflow(name, classPathOptions, ports, database, settings);
        RestClient health = RestClient.create("http://127.0.0.1:" + ports.http());
        // Generous: two test classes run at once, and a start on a machine at load 20 takes two minutes by itself.
        child.awaitReady(Duration.ofMinutes(5), () -> health.get().uri("/actuator/health").retrieve()
                .body(JsonNode.class).get("status").asText().equals("UP"));
        return child;
    }

    /** leadflow as a user starts it, on the given database and ports; returns at once. */
    static ChildJvm startLeadflow(String name, Ports ports, TestDatabase database, List<String> settings) throws Exception {
        return startLeadflow(name, ChildJvmAotCache.launchOptions(), ports, database, settings);
    }

    private static ChildJvm startLeadflow(String name, List<String> classPathOptions, Ports ports, TestDatabase database,
            List<String> settings) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + ports.http(),
                "--leadflow.base-url=http://localhost:" + ports.http(),
                "--spring.datasource.url=" + database.url(),
                "--leadflow.engine.embedded.port=" + ports.engine(),
                "--spring.mail.port=" + ports.smtp(),
                "--leadflow.mail.inbox.port=" + ports.imap()));
        arguments.addAll(settings);
        return start("leadflow-" + name, classPathOptions, "io.leadflow.LeadflowApplication", arguments);
    }

    /** Where a child leadflow listens: HTTP, SMTP, IMAP and the engine's gateway. */
    record Ports(int http, int smtp, int imap, int engine) {

        /** Ports free now ({@link FreePorts}). */
        static Ports free() {
            return new Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick());
        }

        /** The API of that leadflow, with the development key. */
        RestClient api() {
            return RestClient.builder().baseUrl("http://127.0.0.1:" + http)
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer dev-api-key").build();
        }
    }

    /** This test's class path, each entry once (Failsafe may list the classes directory twice). */
    static String classPath() {
        String testClassPath = System.getProperty("surefire.test.class.path");
        String classPath = testClassPath != null && !testClassPath.isBlank() ? testClassPath : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, new LinkedHashSet<>(List.of(classPath.split(File.pathSeparator))));
    }

    /** Whether something listens on this loopback port (an engine's gateway, once started). */
    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code ready} holds, failing with the child's output when it died or took too long. */
    void awaitReady(Duration patience, BooleanSupplier ready) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The child JVM exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The child JVM was not ready within " + patience + ":\n" + tail());
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a deploy does; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofMinutes(4));
    }

    /** Waits for the child to end; returns its exit code, or fails with its output when it still runs after {@code patience}. */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The child JVM still runs after " + patience + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** Everything the child wrote. */
    String output() throws IOException {
        return Files.readString(output);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
