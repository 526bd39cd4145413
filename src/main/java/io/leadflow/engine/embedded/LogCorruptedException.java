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
        super("Log segment %s is damaged at byte offset %d: %s. The data directory %s is damaged and must be restored from a backup or removed to start afresh."
                .formatted(file, offset, problem, file.toAbsolutePath().getParent()));
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
