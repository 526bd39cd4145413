package io.leadflow.engine.embedded;

import io.camunda.zeebe.util.buffer.BufferWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * One file of the {@link SegmentedFileLog}: the frame format, the recovery scan and what readers need
 * to find a position in it. Only the flusher thread (or recovery) adds blocks; readers see a block once
 * {@link #committedEnd()} has moved past it.
 *
 * <p>A segment starts with {@value #HEADER_BYTES} header bytes (magic, format version), followed by
 * frames: {@code [int payload length][int CRC32C][long lowest position][long highest position][payload]},
 * the checksum covering both positions and the payload.
 */
final class LogSegment {

    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 24;

    private static final Logger log = LoggerFactory.getLogger(LogSegment.class);
    private static final int MAGIC = 0x4C464C47; // "LFLG"
    private static final int FORMAT_VERSION = 1;
    private static final Pattern FILE_NAME = Pattern.compile("segment-(\\d{20})\\.log");
    // Recovery reads a segment frame by frame through a buffer of this size (larger frames get their own).
    private static final int READ_BUFFER_BYTES = 1024 * 1024;
    // A seek reads at most this much of a segment before it reaches the block it looks for.
    private static final long INDEX_INTERVAL_BYTES = 64 * 1024;

    private final long sequence;
    private final Path file;
    // lowest position of a block -> offset of its frame: the first block and then one every INDEX_INTERVAL_BYTES
    private final ConcurrentSkipListMap<Long, Long> index = new ConcurrentSkipListMap<>();
    private volatile long committedEnd;
    private long lastIndexedOffset;
    private long highestPosition = -1;
    private long blockCount;

    private LogSegment(long sequence, Path file, long committedEnd) {
        this.sequence = sequence;
        this.file = file;
        this.committedEnd = committedEnd;
    }

    static Path file(Path directory, long sequence) {
        return directory.resolve("segment-%020d.log".formatted(sequence));
    }

    static OptionalLong sequenceOf(Path file) {
        var matcher = FILE_NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Creates the file with its header, durably; the caller fsyncs the directory. */
    static LogSegment create(Path directory, long sequence) throws IOException {
        Path file = file(directory, sequence);
        try (FileChannel channel = FileChannel.open(file, CREATE_NEW, WRITE)) {
            writeHeader(channel);
        }
        return new LogSegment(sequence, file, HEADER_BYTES);
    }

    /**
     * Verifies every frame of an existing segment, reading it frame by frame (never the whole file at once).
     * Only the last segment may end in a write torn by a crash, and only above {@code flushedPosition}, the
     * highest position that was fsynced and acknowledged: that tail was never seen by anyone and is cut off.
     * A bad frame anywhere else is damage to records that were made durable, and is refused.
     */
    static LogSegment recover(Path file, long sequence, boolean last, long previousHighest, long flushedPosition)
            throws IOException {
        var segment = new LogSegment(sequence, file, HEADER_BYTES);
        try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            channel.read(header, 0);
            if (!hasHeader(header)) {
                if (last && previousHighest >= flushedPosition && isZeroFrom(channel, 0)) {
                    log.warn("Log segment {} has no header yet (interrupted creation); writing it", file);
                    channel.truncate(0);
                    writeHeader(channel);
                    return segment;
                }
                throw new LogCorruptedException(file, 0, "the segment header is missing or not a leadflow log header");
            }
            long offset = HEADER_BYTES;
            long highest = previousHighest;
            ByteBuffer frame = ByteBuffer.allocate(READ_BUFFER_BYTES);
            String problem = null;
            while (offset < size) {
                frame = readFrame(channel, offset, size, frame);
                problem = frameProblem(frame, size - offset);
                if (problem != null) {
                    break;
                }
                long lowest = frame.getLong(8);
                long blockHighest = frame.getLong(16);
                if (lowest <= highest || blockHighest < lowest) {
                    throw new LogCorruptedException(file, offset,
                            "block positions %d..%d do not follow position %d".formatted(lowest, blockHighest, highest));
                }
                segment.addBlock(lowest, blockHighest, offset);
                highest = blockHighest;
                offset += FRAME_HEADER_BYTES + frame.getInt(0);
            }
            if (problem != null) {
                if (!last) {
                    throw new LogCorruptedException(file, offset, problem + " in a segment that is not the last one");
                }
                if (highest < flushedPosition) {
                    throw new LogCorruptedException(file, offset, "%s, yet the log had made every position up to %d durable (this block holds position %d)"
                            .formatted(problem, flushedPosition, highest + 1));
                }
                log.warn("Log segment {} ends in a write torn by a crash at byte offset {} ({}), above the last position made durable ({}); cutting {} bytes",
                        file, offset, problem, flushedPosition, size - offset);
                channel.truncate(offset);
                channel.force(true);
            }
            segment.committedEnd = offset;
            return segment;
        }
    }

    /**
     * Reads the frame at {@code at} into {@code buffer} (or a larger one it returns): as much of header and
     * payload as the file holds, so that {@link #frameProblem} can judge it.
     */
    private static ByteBuffer readFrame(FileChannel channel, long at, long size, ByteBuffer buffer) throws IOException {
        buffer.clear().limit((int) Math.min(FRAME_HEADER_BYTES, size - at));
        readFully(channel, buffer, at);
        if (buffer.limit() < FRAME_HEADER_BYTES) {
            return buffer.flip();
        }
        int length = buffer.getInt(0);
        long available = Math.min((long) FRAME_HEADER_BYTES + Math.max(0, length), size - at);
        if (available > buffer.capacity()) {
            buffer = ByteBuffer.allocate((int) available).put(buffer.flip());
        }
        buffer.limit((int) available);
        readFully(channel, buffer, at + buffer.position());
        return buffer.flip();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        for (long position = at; buffer.hasRemaining(); ) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                return;
            }
            position += read;
        }
    }

    /** The frame for a block, checksum included; copies the block, as the caller reuses its buffer. */
    static ByteBuffer frame(long lowest, long highest, BufferWriter block) {
        int length = block.getLength();
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + length);
        frame.putInt(0, length).putLong(8, lowest).putLong(16, highest);
        block.write(new UnsafeBuffer(frame), FRAME_HEADER_BYTES);
        return frame.putInt(4, checksum(frame, 0));
    }

    /** Whether the complete frame at {@code at} in {@code buffer} carries the checksum of its content. */
    static boolean checksumMatches(ByteBuffer buffer, int at) {
        return buffer.getInt(at + 4) == checksum(buffer, at);
    }

    private static int checksum(ByteBuffer buffer, int at) {
        var crc = new CRC32C();
        crc.update(buffer.slice(at + 8, 16 + buffer.getInt(at)));
        return (int) crc.getValue();
    }

    private static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION).flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
        channel.force(true);
    }

    private static boolean hasHeader(ByteBuffer header) {
        return header.position() >= HEADER_BYTES && header.getInt(0) == MAGIC && header.getInt(4) == FORMAT_VERSION;
    }

    /** What is wrong with the frame read into {@code frame} ({@code remaining}: the file's bytes from its start), or null. */
    private static String frameProblem(ByteBuffer frame, long remaining) {
        if (frame.limit() < FRAME_HEADER_BYTES) {
            return isZero(frame) ? "only zero bytes follow" : "the block header is incomplete";
        }
        int length = frame.getInt(0);
        if (length < 0 || length > remaining - FRAME_HEADER_BYTES) {
            return "the block length runs past the end of the file";
        }
        if (checksumMatches(frame, 0)) {
            return null;
        }
        return isZero(frame) ? "only zero bytes follow" : "the block checksum does not match";
    }

    private static boolean isZero(ByteBuffer bytes) {
        for (int i = 0; i < bytes.limit(); i++) {
            if (bytes.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeroFrom(FileChannel channel, long from) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(READ_BUFFER_BYTES);
        for (long at = from; at < channel.size(); at += chunk.limit()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), channel.size() - at));
            readFully(channel, chunk, at);
            if (!isZero(chunk.flip())) {
                return false;
            }
        }
        return true;
    }

    /** Records a block that is written at {@code offset}; readers see it once the end is committed past it. */
    void addBlock(long lowest, long highest, long offset) {
        if (index.isEmpty() || offset - lastIndexedOffset >= INDEX_INTERVAL_BYTES) {
            index.put(lowest, offset);
            lastIndexedOffset = offset;
        }
        highestPosition = highest;
        blockCount++;
    }

    /** Makes every block before {@code end} visible to readers; call only once those bytes are fsynced. */
    void commitTo(long end) {
        committedEnd = end;
    }

    long committedEnd() {
        return committedEnd;
    }

    boolean hasBlocks() {
        return committedEnd > HEADER_BYTES;
    }

    /** Lowest position of the first committed block, or {@link Long#MAX_VALUE} while there is none. */
    long firstLowestPosition() {
        // the index gets a block's entry before the block is committed, so it cannot be empty here
        return hasBlocks() ? index.firstKey() : Long.MAX_VALUE;
    }

    /** Offset of a committed frame to scan forward from to reach {@code position}. */
    long scanStart(long position) {
        long committed = committedEnd;
        Map.Entry<Long, Long> entry = index.floorEntry(position);
        while (entry != null && entry.getValue() >= committed) {
            entry = index.lowerEntry(entry.getKey());
        }
        return entry == null ? HEADER_BYTES : entry.getValue();
    }

    long highestPosition() {
        return highestPosition;
    }

    long blockCount() {
        return blockCount;
    }

    long sequence() {
        return sequence;
    }

    Path file() {
        return file;
    }
}
