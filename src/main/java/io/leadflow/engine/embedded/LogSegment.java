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
     * Verifies every frame of an existing segment, read into memory whole. Only the last segment may end
     * in a torn write (the crash interrupted its last flush); that tail is cut off. Anything else is damage.
     */
    static LogSegment recover(Path file, long sequence, boolean last, long previousHighest) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(file));
        var segment = new LogSegment(sequence, file, HEADER_BYTES);
        if (!hasHeader(content)) {
            if (last && isZeroFrom(content, 0)) {
                log.warn("Log segment {} has no header yet (interrupted creation); writing it", file);
                try (FileChannel channel = FileChannel.open(file, WRITE)) {
                    channel.truncate(0);
                    writeHeader(channel);
                }
                return segment;
            }
            throw new LogCorruptedException(file, 0, "the segment header is missing or not a leadflow log header");
        }
        int offset = HEADER_BYTES;
        String problem = null;
        long highest = previousHighest;
        while (offset < content.limit()) {
            problem = frameProblem(content, offset);
            if (problem != null) {
                break;
            }
            long lowest = content.getLong(offset + 8);
            long blockHighest = content.getLong(offset + 16);
            if (lowest <= highest || blockHighest < lowest) {
                throw new LogCorruptedException(file, offset,
                        "block positions %d..%d do not follow position %d".formatted(lowest, blockHighest, highest));
            }
            segment.addBlock(lowest, blockHighest, offset);
            highest = blockHighest;
            offset += FRAME_HEADER_BYTES + content.getInt(offset);
        }
        if (problem != null) {
            if (!last) {
                throw new LogCorruptedException(file, offset, problem + " in a segment that is not the last one");
            }
            cutTornTail(file, content, offset, problem);
        }
        segment.committedEnd = offset;
        return segment;
    }

    private static void cutTornTail(Path file, ByteBuffer content, int offset, String problem) throws IOException {
        if (isZeroFrom(content, offset)) {
            problem = "only zero bytes follow";
        } else {
            int valid = nextValidFrame(content, offset + 1);
            if (valid >= 0) {
                throw new LogCorruptedException(file, offset, problem + ", yet a valid block follows at byte offset " + valid);
            }
        }
        log.warn("Log segment {} ends in a torn write at byte offset {} ({}); truncating {} bytes",
                file, offset, problem, content.limit() - offset);
        try (FileChannel channel = FileChannel.open(file, WRITE)) {
            channel.truncate(offset);
            channel.force(true);
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

    private static boolean hasHeader(ByteBuffer content) {
        return content.limit() >= HEADER_BYTES && content.getInt(0) == MAGIC && content.getInt(4) == FORMAT_VERSION;
    }

    private static String frameProblem(ByteBuffer content, int at) {
        int remaining = content.limit() - at;
        if (remaining < FRAME_HEADER_BYTES) {
            return "the block header is incomplete";
        }
        int length = content.getInt(at);
        if (length < 0 || length > remaining - FRAME_HEADER_BYTES) {
            return "the block length runs past the end of the file";
        }
        return checksumMatches(content, at) ? null : "the block checksum does not match";
    }

    /**
     * Looks for any intact frame at or after {@code from}, trying every offset since the bad frame's length
     * cannot be trusted. A crash tears only the end of the last flush, so an intact frame behind a bad one
     * means the bad one was damaged later, not torn.
     */
    private static int nextValidFrame(ByteBuffer content, int from) {
        for (int at = from; at <= content.limit() - FRAME_HEADER_BYTES; at++) {
            int length = content.getInt(at);
            boolean plausible = length >= 0 && length <= content.limit() - at - FRAME_HEADER_BYTES
                    && content.getLong(at + 8) <= content.getLong(at + 16);
            if (plausible && checksumMatches(content, at)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isZeroFrom(ByteBuffer content, int from) {
        for (int i = from; i < content.limit(); i++) {
            if (content.get(i) != 0) {
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
