package io.leadflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** leadflow's written documentation: the README, the manual in {@code docs/} and the READMEs of its folders. */
final class Documentation {

    private Documentation() {
    }

    /** The README and the pages of {@code docs/}: what a user of leadflow reads. */
    static List<Path> manual() {
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            return Stream.concat(Stream.of(Path.of("README.md")), docs.filter(page -> page.toString().endsWith(".md")).sorted())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manual and the READMEs of the folders, for those who work on them. */
    static List<Path> pages() {
        return Stream.concat(manual().stream(), Stream.of(Path.of("bench/README.md"), Path.of("email-templates/README.md")))
                .toList();
    }

    static String text(List<Path> pages) {
        return pages.stream().map(Documentation::read).collect(Collectors.joining("\n"));
    }

    static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
