package io.leadflow;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The development build's harness (src/dev: embedded PostgreSQL and mail server, demo data, template linter, the
 * development defaults and people) and its libraries, which the production build (-Pproduction) leaves out. This build
 * compiles both into target/classes; what the production jar holds is that without the harness.
 */
public final class DevelopmentHarness {

    private static final Path SOURCES = Path.of("src", "dev", "java");
    private static final Path RESOURCES = Path.of("src", "dev", "resources");
    private static final Path CLASSES = Path.of("target", "classes");
    /** The libraries only the harness uses (test scope in the production build): their packages, which are their group ids. */
    public static final List<String> LIBRARY_PACKAGES = List.of("com.icegreen", "io.zonky");

    private DevelopmentHarness() {
    }

    /** The harness's top-level classes, by name. */
    public static final Set<String> CLASS_NAMES = files(SOURCES).filter(source -> source.toString().endsWith(".java"))
            .map(source -> source.toString().replaceAll("\\.java$", "").replace(File.separatorChar, '.'))
            .collect(Collectors.toUnmodifiableSet());

    /** Whether the class of this name (a nested one too) is the harness's. */
    public static boolean contains(String className) {
        return CLASS_NAMES.contains(className.replaceAll("\\$.*$", ""));
    }

    /** Whether the class of this name belongs to a library only the harness uses. */
    public static boolean isLibrary(String className) {
        return LIBRARY_PACKAGES.stream().anyMatch(library -> className.startsWith(library + "."));
    }

    /**
     * leadflow's class path as the production jar has it: this build's classes without the harness (copied to
     * {@code into}) and the libraries of {@code classPath} without the harness's and without test classes.
     */
    public static String productionClassPath(String classPath, Path into) {
        copyWithoutHarness(into);
        Stream<String> libraries = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(jar -> LIBRARY_PACKAGES.stream().noneMatch(library ->
                        jar.contains(File.separator + library.replace('.', File.separatorChar) + File.separator)));
        return Stream.concat(Stream.of(into.toAbsolutePath().toString()), libraries).collect(Collectors.joining(File.pathSeparator));
    }

    private static void copyWithoutHarness(Path into) {
        Set<Path> harnessResources = files(RESOURCES).collect(Collectors.toSet());
        files(CLASSES).filter(file -> !harnessResources.contains(file))
                .filter(file -> !file.toString().endsWith(".class")
                        || !contains(file.toString().replaceAll("\\.class$", "").replace(File.separatorChar, '.')))
                .forEach(file -> {
                    try {
                        Path target = into.resolve(file);
                        Files.createDirectories(target.getParent());
                        Files.copy(CLASSES.resolve(file), target);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** The files under {@code root}, relative to it. */
    private static Stream<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
