package io.leadflow.engine.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Writes that a kill -9 or a power cut cannot leave half done: a file is written beside its place,
 * fsynced, renamed over it and the directory fsynced, so a reader finds the old content or the new,
 * never a torn or empty file.
 */
final class DurableFiles {

    private DurableFiles() {
    }

    static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** Makes a created, renamed or deleted name in the directory durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        }
    }

    /** Fsyncs every file in a directory tree and the directories themselves (a finished snapshot). */
    static void syncTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    try (FileChannel channel = FileChannel.open(path, READ)) {
                        channel.force(true);
                    }
                }
            }
        }
        try (Stream<Path> directories = Files.walk(root).filter(Files::isDirectory)) {
            for (Path directory : (Iterable<Path>) directories::iterator) {
                syncDirectory(directory);
            }
        }
    }
}
