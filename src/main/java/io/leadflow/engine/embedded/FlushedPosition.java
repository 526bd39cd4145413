package io.leadflow.engine.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The highest log position that was fsynced and acknowledged, kept durably beside the segments. On
 * start it tells a write torn by a crash (above it: never acknowledged, safe to cut) from damage to
 * records that were made durable and processed (at or below it: refused).
 *
 * <p>Two slots of {@value #SLOT_BYTES} bytes, {@code [long sequence][long position][int CRC32C]}, written
 * in turn: a write torn by a crash damages only the slot being written, and the other still holds the
 * previous position.
 */
final class FlushedPosition implements AutoCloseable {

    static final String FILE_NAME = "flushed-position";
    private static final int SLOT_BYTES = 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT_BYTES);
    private long sequence;
    private long position;

    private FlushedPosition(Path file, FileChannel channel, long sequence, long position) {
        this.file = file;
        this.channel = channel;
        this.sequence = sequence;
        this.position = position;
    }

    /**
     * Opens the record in the log directory: -1 for a new one (nothing flushed yet).
     *
     * @throws LogCorruptedException if neither slot is intact, which a crash alone cannot cause
     */
    static FlushedPosition open(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            // Created whole with "nothing flushed" in the slot the first store does not overwrite.
            ByteBuffer initial = ByteBuffer.allocate(2 * SLOT_BYTES);
            ByteBuffer second = initial.slice(SLOT_BYTES, SLOT_BYTES);
            second.putLong(0, 1).putLong(8, -1).putInt(16, checksum(second));
            DurableFiles.writeAtomically(file, initial.array());
        }
        FileChannel channel = FileChannel.open(file, READ, WRITE);
        long bestSequence = 0;
        long bestPosition = -1;
        for (int i = 0; i < 2; i++) {
            ByteBuffer bytes = ByteBuffer.allocate(SLOT_BYTES);
            channel.read(bytes, (long) i * SLOT_BYTES);
            if (bytes.position() == SLOT_BYTES && bytes.getInt(16) == checksum(bytes) && bytes.getLong(0) > bestSequence) {
                bestSequence = bytes.getLong(0);
                bestPosition = bytes.getLong(8);
            }
        }
        if (bestSequence == 0) {
            channel.close();
            throw new LogCorruptedException(file, 0, "neither copy of the log's flushed position is intact");
        }
        return new FlushedPosition(file, channel, bestSequence, bestPosition);
    }

    /** The highest position made durable and acknowledged, -1 while none is. */
    long position() {
        return position;
    }

    /** Records that every block up to {@code flushed} is fsynced; returns once the record itself is durable. */
    void store(long flushed) throws IOException {
        sequence++;
        slot.clear();
        slot.putLong(0, sequence).putLong(8, flushed).putInt(16, checksum(slot));
        channel.write(slot, (sequence % 2) * SLOT_BYTES);
        channel.force(false);
        position = flushed;
    }

    Path file() {
        return file;
    }

    private static int checksum(ByteBuffer slot) {
        var crc = new CRC32C();
        crc.update(slot.slice(0, 16));
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
