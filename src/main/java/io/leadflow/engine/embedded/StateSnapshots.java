package io.leadflow.engine.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engine's state as of a log position, kept on disk as RocksDB checkpoints, the way a Zeebe broker
 * keeps its snapshots. A snapshot is complete only once every record its state depends on is durable
 * in the log; the engine starts from the newest one and replays the log after it, so its state is never
 * ahead of its log. The live RocksDB directory is a working copy, rebuilt from the snapshot at every start.
 *
 * <p>A snapshot is the directory {@code <processed>-<written>}: the state holds the processing of every
 * record up to at least position {@code processed}, and nothing that depends on a record above
 * {@code written}. It is built under a {@code .pending-} name and renamed when complete.
 */
final class StateSnapshots {

    /** A complete snapshot. */
    record Snapshot(Path directory, long processedPosition, long writtenPosition) {
    }

    private static final Logger log = LoggerFactory.getLogger(StateSnapshots.class);
    private static final Pattern NAME = Pattern.compile("(-?\\d+)-(-?\\d+)");
    private static final String PENDING_PREFIX = ".pending-";

    private final Path directory;
    private volatile Snapshot latest;

    private StateSnapshots(Path directory, Snapshot latest) {
        this.directory = directory;
        this.latest = latest;
    }

    /** Opens the snapshot directory, dropping what a crash left half built and all but the newest snapshot. */
    static StateSnapshots open(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> entries;
        try (Stream<Path> listing = Files.list(directory)) {
            entries = listing.toList();
        }
        for (Path entry : entries) {
            if (entry.getFileName().toString().startsWith(PENDING_PREFIX)) {
                FileSystemUtils.deleteRecursively(entry);
            }
        }
        List<Snapshot> complete = entries.stream().map(StateSnapshots::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparingLong(Snapshot::processedPosition)).toList();
        var snapshots = new StateSnapshots(directory, complete.isEmpty() ? null : complete.getLast());
        snapshots.deleteAllBut(snapshots.latest);
        return snapshots;
    }

    private static Optional<Snapshot> parse(Path entry) {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(entry)) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(entry, Long.parseLong(name.group(1)), Long.parseLong(name.group(2))));
    }

    Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    /** A fresh directory for a snapshot being built at {@code processedPosition}. */
    Path pending(long processedPosition) throws IOException {
        Path pending = directory.resolve(PENDING_PREFIX + processedPosition);
        FileSystemUtils.deleteRecursively(pending);
        return pending;
    }

    /** Makes a built snapshot durable and the newest, then deletes the older ones. */
    Snapshot complete(Path pending, long processedPosition, long writtenPosition) throws IOException {
        DurableFiles.syncTree(pending);
        Path target = directory.resolve(processedPosition + "-" + writtenPosition);
        Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(directory);
        Snapshot snapshot = new Snapshot(target, processedPosition, writtenPosition);
        latest = snapshot;
        deleteAllBut(snapshot);
        return snapshot;
    }

    /**
     * Replaces {@code runtime} with a working copy of the snapshot: its SST files, which RocksDB never
     * changes, as hard links; the rest copied.
     */
    static void restore(Snapshot snapshot, Path runtime) throws IOException {
        FileSystemUtils.deleteRecursively(runtime);
        Files.createDirectories(runtime);
        try (Stream<Path> files = Files.list(snapshot.directory())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = runtime.resolve(file.getFileName());
                if (file.getFileName().toString().endsWith(".sst")) {
                    Files.createLink(copy, file);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private void deleteAllBut(Snapshot kept) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) listing::iterator) {
                boolean older = parse(entry).isPresent() && (kept == null || !entry.equals(kept.directory()));
                if (older) {
                    FileSystemUtils.deleteRecursively(entry);
                    log.debug("Deleted the older engine state snapshot {}", entry);
                }
            }
        }
    }
}
