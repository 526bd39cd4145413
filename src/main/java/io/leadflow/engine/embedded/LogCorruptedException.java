package io.leadflow.engine.embedded;

import java.nio.file.Path;

/**
 * The engine's log on disk is damaged in a way that a crash alone cannot explain, so starting on it
 * could lose or invent committed records.
 */
public class LogCorruptedException extends IllegalStateException {

    private final Path file;
    private final long offset;

    LogCorruptedException(Path file, long offset, String problem) {
        super("The engine's log file %s is damaged at byte offset %d: %s. leadflow does not start on it, since that could lose or rewrite records it has processed. %s"
                .formatted(file.toAbsolutePath(), offset, problem, EmbeddedZeebe.WAY_OUT.formatted(file.toAbsolutePath().getParent().getParent())));
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
