package io.leadflow.engine;

import io.leadflow.TestDatabase;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The classes of this build as the JVM loads and links them when leadflow starts, in an ahead-of-time cache
 * (JDK 25's {@code -XX:AOTCache}) that every child JVM on this test's class path starts from: a start of leadflow takes
 * about 40 % less CPU. The cache is made once per build, by a start of leadflow that is trained and stopped (a JVM writes
 * it only when it exits, never when killed), and kept under target/ for as long as the classes, the libraries and
 * the JDK are the ones it was made from. It holds classes from JAR files only, so the class directories are put in
 * JAR files beside it. On an older JDK the children start from the class path as it is.
 */
final class ChildJvmAotCache {

    private static final int FIRST_JDK_WITH_ONE_STEP_TRAINING = 25;
    private static final Path CACHES = Path.of("target", "child-jvm").toAbsolutePath();
    private static List<String> launchOptions;

    private ChildJvmAotCache() {
    }

    /** The JVM options that put this test's class path on a child JVM, from the cache when this JDK has one. */
    static synchronized List<String> launchOptions() throws Exception {
        if (launchOptions == null) {
            launchOptions = Runtime.version().feature() < FIRST_JDK_WITH_ONE_STEP_TRAINING
                    ? List.of("-cp", ChildJvm.classPath())
                    : cachedClassPath();
        }
        return launchOptions;
    }

    private static List<String> cachedClassPath() throws Exception {
        String classPath = ChildJvm.classPath();
        Path directory = CACHES.resolve("aot-" + fingerprint(classPath));
        Path cache = directory.resolve("leadflow.aot");
        String jarsOnly = String.join(File.pathSeparator, jarsOnly(classPath, directory));
        if (!Files.exists(cache)) {
            Files.createDirectories(CACHES);
            try (Stream<Path> entries = Files.list(CACHES)) {
                entries.filter(path -> path.getFileName().toString().startsWith("aot-") && !path.equals(directory))
                        .forEach(stale -> FileSystemUtils.deleteRecursively(stale.toFile()));
            }
            train(jarsOnly, directory, cache);
        }
        return List.of("-XX:AOTCache=" + cache, "-cp", jarsOnly);
    }

    /** Starts leadflow on a database and ports of its own, waits for it to be ready and stops it: it writes the cache. */
    private static void train(String jarsOnly, Path directory, Path cache) throws Exception {
        Path written = directory.resolve("leadflow.aot.training");
        Path dataDir = directory.resolve("engine");
        TestDatabase database = TestDatabase.create("leadflow_aot_training");
        try (ChildJvm leadflow = ChildJvm.leadflow("aot-training", List.of("-XX:AOTCacheOutput=" + written, "-cp", jarsOnly),
                ChildJvm.Ports.free(), database, List.of("--spring.profiles.active=dev", "--leadflow.engine.data-dir=" + dataDir))) {
            leadflow.stop();
            if (!Files.exists(written)) {
                throw new AssertionError("The trained leadflow wrote no AOT cache:\n" + leadflow.tail());
            }
        } finally {
            database.drop();
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        // Under its final name only once whole: a build stopped while it was written leaves no half cache behind.
        Files.move(written, cache, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The class path with each directory replaced by a JAR file of it, made in {@code directory} unless there already. */
    private static List<String> jarsOnly(String classPath, Path directory) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = directory.resolve(entries.size() + "-" + path.getFileName() + ".jar");
                if (!Files.exists(jar)) {
                    jar(path, jar);
                }
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** A JAR file of {@code root}, directories included: resources are looked up by directory (Flyway's migrations). */
    private static void jar(Path root, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial)); Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(file -> !file.equals(root)).sorted()::iterator) {
                String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                boolean isDirectory = Files.isDirectory(file);
                out.putNextEntry(new JarEntry(isDirectory ? name + "/" : name));
                if (!isDirectory) {
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Names the JDK, and every class path entry with its files' sizes and times: any change makes a new cache. */
    private static String fingerprint(String classPath) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((System.getProperty("java.home") + Runtime.version()).getBytes(StandardCharsets.UTF_8));
        for (String entry : classPath.split(File.pathSeparator)) {
            try (Stream<Path> files = Files.exists(Path.of(entry)) ? Files.walk(Path.of(entry)) : Stream.empty()) {
                files.sorted().forEach(file -> {
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        digest.update((file + " " + attributes.size() + " " + attributes.lastModifiedTime() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
}
