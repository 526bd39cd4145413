package io.leadflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * leadflow's feature modules: each uses only the modules its {@code package-info} allows, no cycles between them,
 * and none reaches into another's internals. The module diagram (C4 components), one diagram and one canvas per
 * module live in docs/architecture, and stay as the code is.
 */
class ModularityTest {

    private static final Path DOCUMENTED = Path.of("docs", "architecture");
    private static final Path GENERATED = Path.of("target", "architecture");

    private final ApplicationModules modules = ApplicationModules.of(LeadflowApplication.class);

    @Test
    void modulesUseOnlyTheirAllowedDependenciesAndEachOthersApi() {
        modules.verify();
    }

    /** A stale document is replaced by the current one, and the test fails so the change gets reviewed and committed. */
    @Test
    void theArchitectureDocumentsShowTheModulesAsTheyAre() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Map<Path, List<String>> current = contents(GENERATED);
        Map<Path, List<String>> documented = contents(DOCUMENTED);
        Set<Path> stale = new TreeSet<>(current.keySet());
        stale.addAll(documented.keySet());
        stale.removeIf(name -> Objects.equals(current.get(name), documented.get(name)));
        if (!stale.isEmpty()) {
            refresh(current.keySet());
        }
        assertThat(stale).as("stale in docs/architecture, now rewritten from the code: review and commit them").isEmpty();
    }

    /** Each document's lines, sorted: the diagrams list their elements and relations in a different order each run. */
    private static Map<Path, List<String>> contents(Path folder) throws IOException {
        Map<Path, List<String>> contents = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(file -> contents.put(file.getFileName(), read(file)));
            }
        }
        return contents;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file).stream().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refresh(Iterable<Path> names) throws IOException {
        if (Files.isDirectory(DOCUMENTED)) {
            try (Stream<Path> stale = Files.list(DOCUMENTED)) {
                for (Path file : stale.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(DOCUMENTED);
        for (Path name : names) {
            Files.copy(GENERATED.resolve(name), DOCUMENTED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
