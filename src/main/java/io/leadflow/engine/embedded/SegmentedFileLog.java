package io.leadflow.engine.embedded;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static io.leadflow.engine.embedded.LogSegment.FRAME_HEADER_BYTES;
import static io.leadflow.engine.embedded.LogSegment.HEADER_BYTES;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The engine's log as a directory of segment files, so that the embedded engine keeps its state across
 * restarts. A block is handed to readers (and so to processing) only once it is fsynced.
 *
 * <p>{@link #append} only queues a copy of the block: Zeebe calls it under its sequencer lock. A single
 * flusher thread writes whatever has queued up, fsyncs once for all of it (group commit) and then
 * reports those blocks as written and committed. A log that is not durable has no fsync to share: it
 * writes and reports each block at once, in the appending thread.
 */
public final class SegmentedFileLog implements LogStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentedFileLog.class);
    // A sequential reader fetches this much at once instead of making two reads per block.
    private static final int READ_AHEAD_BYTES = 64 * 1024;

    private final Path directory;
    private final long maxSegmentBytes;
    private final boolean durable;
    // Ordered by sequence number; never empty. The flusher adds, compaction removes from the front.
    private final CopyOnWriteArrayList<LogSegment> segments;
    private final CopyOnWriteArraySet<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Thread flusher;
    private final FlushedPosition flushed;
    private volatile long lastCommittedPosition;

    // Guarded by lock.
    private List<PendingBlock> pending = new ArrayList<>();
    // Blocks above it are not flushed: a test stands for a process that dies before its next flush.
    private long flushLimit = Long.MAX_VALUE;
    private long lastAppendedPosition;
    private boolean closed;
    private Exception failure;

    // Owned by the flusher thread (in a log that is not durable: by the appender, under the lock).
    private LogSegment active;
    private FileChannel writer;
    private long blockIndex;

    private SegmentedFileLog(Path directory, long maxSegmentBytes, boolean durable, List<LogSegment> segments,
                             FlushedPosition flushed) throws IOException {
        this.directory = directory;
        this.durable = durable;
        this.flushed = flushed;
        this.maxSegmentBytes = maxSegmentBytes;
        this.segments = new CopyOnWriteArrayList<>(segments);
        this.active = segments.getLast();
        this.writer = openWriter(active);
        long highest = -1;
        for (LogSegment segment : segments) {
            highest = Math.max(highest, segment.highestPosition());
            blockIndex += segment.blockCount();
        }
        this.lastCommittedPosition = highest;
        this.lastAppendedPosition = highest;
        this.flusher = Thread.ofPlatform().name("leadflow-log-flusher").daemon().unstarted(this::flushUntilClosed);
    }

    /**
     * Opens the log in {@code directory} (creating it if needed), verifies every block on disk and cuts
     * off a write torn by a crash above the last position made durable.
     *
     * @throws LogCorruptedException if the files are damaged beyond a torn last write
     */
    public static SegmentedFileLog open(Path directory, long maxSegmentBytes) throws IOException {
        return open(directory, maxSegmentBytes, true);
    }

    /**
     * As {@link #open(Path, long)}; a log that is not {@code durable} (a sandbox's, deleted after use) hands a block on
     * once it is written, without waiting for the disk: what a crash loses of it nobody will read. It writes the block
     * as it is appended, so the engine reads it without a switch to the flusher thread and back.
     */
    public static SegmentedFileLog open(Path directory, long maxSegmentBytes, boolean durable) throws IOException {
        if (maxSegmentBytes <= HEADER_BYTES + FRAME_HEADER_BYTES) {
            throw new IllegalArgumentException("maxSegmentBytes is too small: " + maxSegmentBytes);
        }
        Files.createDirectories(directory);
        FlushedPosition flushed = FlushedPosition.open(directory);
        try {
            List<LogSegment> segments = recover(directory, flushed.position());
            long highest = segments.stream().mapToLong(LogSegment::highestPosition).max().orElse(-1);
            if (highest < flushed.position()) {
                throw new LogCorruptedException(segments.getLast().file(), segments.getLast().committedEnd(),
                        "the log ends at position %d, yet it had made every position up to %d durable: its end was cut off"
                                .formatted(highest, flushed.position()));
            }
            if (highest > flushed.position()) {
                // fsynced before a crash but not yet recorded (or written before the record was kept)
                flushed.store(highest);
            }
            var log = new SegmentedFileLog(directory, maxSegmentBytes, durable, segments, flushed);
            if (durable) {
                log.flusher.start();
            }
            return log;
        } catch (IOException | RuntimeException e) {
            flushed.close();
            throw e;
        }
    }

    private static List<LogSegment> recover(Path directory, long flushedPosition) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> LogSegment.sequenceOf(file).isPresent())
                    .sorted(Comparator.comparingLong(SegmentedFileLog::sequenceOf))
                    .toList();
        }
        if (files.isEmpty()) {
            LogSegment first = LogSegment.create(directory, 0);
            DurableFiles.syncDirectory(directory);
            return List.of(first);
        }
        List<LogSegment> recovered = new ArrayList<>();
        long highest = -1;
        for (Path file : files) {
            long sequence = sequenceOf(file);
            if (!recovered.isEmpty() && sequence != recovered.getLast().sequence() + 1) {
                throw new LogCorruptedException(file, 0,
                        "segment %d is missing before it".formatted(recovered.getLast().sequence() + 1));
            }
            LogSegment segment = LogSegment.recover(file, sequence, file.equals(files.getLast()), highest, flushedPosition);
            highest = Math.max(highest, segment.highestPosition());
            recovered.add(segment);
        }
        return recovered;
    }

    private static long sequenceOf(Path file) {
        return LogSegment.sequenceOf(file).orElseThrow();
    }

    @Override
    public void append(long lowestPosition, long highestPosition, BufferWriter block, AppendListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (highestPosition < lowestPosition) {
            throw new IllegalArgumentException("highest position %d is below lowest position %d"
                    .formatted(highestPosition, lowestPosition));
        }
        ByteBuffer frame = LogSegment.frame(lowestPosition, highestPosition, block);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The log in " + directory + " is closed");
            }
            if (failure != null) {
                throw new IllegalStateException("The log in " + directory + " failed to write and takes no more blocks", failure);
            }
            if (lowestPosition <= lastAppendedPosition) {
                throw new IllegalArgumentException("position %d does not follow the last appended position %d"
                        .formatted(lowestPosition, lastAppendedPosition));
            }
            lastAppendedPosition = highestPosition;
            PendingBlock pendingBlock = new PendingBlock(lowestPosition, highestPosition, frame, listener);
            if (durable) {
                pending.add(pendingBlock);
                appended.signal();
            } else {
                writeNow(pendingBlock);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LogStorageReader newReader() {
        return new Reader();
    }

    @Override
    public void addCommitListener(CommitListener listener) {
        commitListeners.add(listener);
    }

    @Override
    public void removeCommitListener(CommitListener listener) {
        commitListeners.remove(listener);
    }

    /**
     * Deletes the oldest segments as long as every block in them lies below {@code position}; the
     * segment being written stays.
     *
     * @return the number of deleted segments
     */
    public synchronized int compactBelow(long position) throws IOException {
        int deleted = 0;
        while (segments.size() > 1 && segments.get(1).firstLowestPosition() <= position) {
            LogSegment oldest = segments.removeFirst();
            // Readers that still have the file open keep reading it; new ones no longer find it.
            Files.delete(oldest.file());
            deleted++;
        }
        if (deleted > 0) {
            DurableFiles.syncDirectory(directory);
        }
        return deleted;
    }

    /** The processed position from which {@link #compactBelow} deletes a segment; MAX_VALUE while there is one segment. */
    public synchronized long firstPositionOfSecondSegment() {
        return segments.size() > 1 ? segments.get(1).firstLowestPosition() : Long.MAX_VALUE;
    }

    /** Lowest position the log still holds, or {@link Long#MAX_VALUE} while it holds none. */
    public long firstPosition() {
        return segments.getFirst().firstLowestPosition();
    }

    /** Highest position appended, fsynced or not yet: the end of the log once what is queued is flushed. */
    public long lastAppendedPosition() {
        lock.lock();
        try {
            return lastAppendedPosition;
        } finally {
            lock.unlock();
        }
    }

    /** Highest position that is fsynced, or -1 while the log is empty. */
    public long lastCommittedPosition() {
        return lastCommittedPosition;
    }

    /** Bytes in the segment files, headers included. */
    public long sizeBytes() {
        return segments.stream().mapToLong(LogSegment::committedEnd).sum();
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Commits what has been appended so far, then stops. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            appended.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (flusher.isAlive()) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        flushed.close();
    }

    /** Why the log stopped taking blocks (a failed write or fsync), or null while it works. */
    public Exception failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    private void flushUntilClosed() {
        try {
            for (List<PendingBlock> batch = takeBatch(); batch != null; batch = takeBatch()) {
                write(batch);
            }
        } catch (IOException | RuntimeException e) {
            log.error("Writing the log in {} failed; it takes no more blocks", directory, e);
            lock.lock();
            try {
                failure = e;
                pending = List.of();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits for appended blocks and takes all of them; null once closed and nothing is left to flush. */
    private List<PendingBlock> takeBatch() {
        lock.lock();
        try {
            while (!closed && (pending.isEmpty() || pending.getFirst().lowestPosition() > flushLimit)) {
                appended.awaitUninterruptibly();
            }
            int flushable = 0;
            while (flushable < pending.size() && pending.get(flushable).highestPosition() <= flushLimit) {
                flushable++;
            }
            if (flushable == 0) {
                return null;
            }
            List<PendingBlock> batch = new ArrayList<>(pending.subList(0, flushable));
            pending = new ArrayList<>(pending.subList(flushable, pending.size()));
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the block of a log that is not durable, under the lock: the log fails as when its flusher fails. */
    private void writeNow(PendingBlock block) {
        try {
            write(List.of(block));
        } catch (IOException | RuntimeException e) {
            log.error("Writing the log in {} failed; it takes no more blocks", directory, e);
            failure = e;
            throw new IllegalStateException("Writing the log in " + directory + " failed", e);
        }
    }

    /** Flushes no block above {@code position} from now on; what is held back is lost at close, as in a crash. */
    void holdFlushesAbove(long position) {
        lock.lock();
        try {
            flushLimit = position;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the batch into as many segments as it needs; each part is fsynced before it is acknowledged. */
    private void write(List<PendingBlock> batch) throws IOException {
        int start = 0;
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            int frameBytes = batch.get(i).frame().remaining();
            boolean segmentFull = active.committedEnd() + bytes + frameBytes > maxSegmentBytes;
            // An oversized block still goes into a segment of its own rather than failing.
            if (segmentFull && (bytes > 0 || active.hasBlocks())) {
                writeAndCommit(batch.subList(start, i));
                roll();
                start = i;
                bytes = 0;
            }
            bytes += frameBytes;
        }
        writeAndCommit(batch.subList(start, batch.size()));
    }

    private void writeAndCommit(List<PendingBlock> blocks) throws IOException {
        if (blocks.isEmpty()) {
            return;
        }
        ByteBuffer[] frames = blocks.stream().map(PendingBlock::frame).toArray(ByteBuffer[]::new);
        long total = 0;
        for (ByteBuffer frame : frames) {
            total += frame.remaining();
        }
        for (long written = 0; written < total; ) {
            written += writer.write(frames);
        }
        if (durable) {
            // With metadata: the file length is metadata, and appended frames are lost without it.
            writer.force(true);
            flushed.store(blocks.getLast().highestPosition());
        }
        lastCommittedPosition = blocks.getLast().highestPosition();
        long end = active.committedEnd();
        for (PendingBlock block : blocks) {
            active.addBlock(block.lowestPosition(), block.highestPosition(), end);
            end += block.frame().capacity();
        }
        active.commitTo(end);
        acknowledge(blocks);
    }

    /** Seals the active segment (already fsynced) and starts the next one. */
    private void roll() throws IOException {
        writer.close();
        LogSegment next = LogSegment.create(directory, active.sequence() + 1);
        if (durable) {
            DurableFiles.syncDirectory(directory);
        }
        writer = openWriter(next);
        active = next;
        segments.add(next);
    }

    private void acknowledge(List<PendingBlock> batch) {
        for (PendingBlock block : batch) {
            long index = ++blockIndex;
            notifyListener(() -> {
                block.listener().onWrite(index, block.highestPosition());
                block.listener().onCommit(index, block.highestPosition());
            });
        }
        for (CommitListener listener : commitListeners) {
            notifyListener(listener::onCommit);
        }
    }

    /** A failing listener is the listener's problem; it must not stop the log. */
    private static void notifyListener(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            log.error("A log listener failed", e);
        }
    }

    private static FileChannel openWriter(LogSegment segment) throws IOException {
        FileChannel channel = FileChannel.open(segment.file(), WRITE);
        return channel.position(segment.committedEnd());
    }

    private record PendingBlock(long lowestPosition, long highestPosition, ByteBuffer frame, AppendListener listener) {
    }

    /**
     * Reads committed blocks in order across segments. Each reader opens its own file channels: an
     * interrupt then closes only that reader's channel, and a segment deleted by compaction stays
     * readable for a reader that has it open.
     */
    private final class Reader implements LogStorageReader {

        // Holds the file bytes [windowStart, windowStart + window.limit()) of the current segment.
        private final ByteBuffer window = ByteBuffer.allocate(READ_AHEAD_BYTES);
        private long windowStart;
        private LogSegment segment;
        private FileChannel channel;
        private long offset;

        Reader() {
            moveTo(segments.getFirst(), HEADER_BYTES);
        }

        @Override
        public boolean hasNext() {
            while (offset >= segment.committedEnd()) {
                LogSegment following = segmentAfter(segment);
                if (following == null) {
                    return false;
                }
                // The next segment appears only after this one was committed for the last time.
                if (offset < segment.committedEnd()) {
                    return true;
                }
                moveTo(following, HEADER_BYTES);
            }
            return true;
        }

        @Override
        public DirectBuffer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                int length = frameAt(offset).getInt(relative(offset));
                if (length < 0 || offset + FRAME_HEADER_BYTES + length > segment.committedEnd()) {
                    throw new LogCorruptedException(segment.file(), offset, "the block length is invalid");
                }
                ByteBuffer frame;
                int at;
                if (FRAME_HEADER_BYTES + length <= window.capacity()) {
                    fill(offset, FRAME_HEADER_BYTES + length);
                    frame = window;
                    at = relative(offset);
                } else {
                    frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + length);
                    readFully(frame, offset);
                    at = 0;
                }
                if (!LogSegment.checksumMatches(frame, at)) {
                    throw new LogCorruptedException(segment.file(), offset, "the block checksum does not match");
                }
                byte[] payload = new byte[length];
                frame.get(at + FRAME_HEADER_BYTES, payload);
                offset += FRAME_HEADER_BYTES + length;
                return new UnsafeBuffer(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void seek(long position) {
            LogSegment target = segments.getFirst();
            for (LogSegment candidate : segments) {
                if (candidate.firstLowestPosition() <= position) {
                    target = candidate;
                }
            }
            moveTo(target, target.scanStart(position));
            long committed = segment.committedEnd();
            try {
                // offset stays at the last block that starts at or below position
                for (long at = offset; at < committed; at += FRAME_HEADER_BYTES + window.getInt(relative(at))) {
                    if (frameAt(at).getLong(relative(at) + 8) > position) {
                        break;
                    }
                    offset = at;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            closeChannel();
        }

        private LogSegment segmentAfter(LogSegment current) {
            for (LogSegment candidate : segments) {
                if (candidate.sequence() > current.sequence()) {
                    return candidate;
                }
            }
            return null;
        }

        private void moveTo(LogSegment target, long at) {
            if (target != segment) {
                closeChannel();
                try {
                    channel = FileChannel.open(target.file(), READ);
                } catch (NoSuchFileException e) {
                    if (segments.contains(target)) {
                        throw new UncheckedIOException(e);
                    }
                    // compacted before this reader got to it: continue with what is left
                    moveTo(segments.getFirst(), HEADER_BYTES);
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                segment = target;
                window.limit(0);
            }
            offset = at;
        }

        /** Makes sure the window holds the frame header at {@code at} and returns the window. */
        private ByteBuffer frameAt(long at) throws IOException {
            fill(at, FRAME_HEADER_BYTES);
            return window;
        }

        private void fill(long at, int bytes) throws IOException {
            if (at >= windowStart && at + bytes <= windowStart + window.limit()) {
                return;
            }
            // Never beyond the committed end: bytes there may still be in the middle of being written.
            window.clear().limit((int) Math.min(window.capacity(), segment.committedEnd() - at));
            readFully(window, at);
            window.flip();
            windowStart = at;
        }

        private void readFully(ByteBuffer buffer, long at) throws IOException {
            if (channel == null || !channel.isOpen()) {
                // an interrupt of this reader's thread closed it
                channel = FileChannel.open(segment.file(), READ);
            }
            for (long position = at; buffer.hasRemaining(); ) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new EOFException(segment.file() + " ends before byte offset " + segment.committedEnd());
                }
                position += read;
            }
        }

        private int relative(long at) {
            return (int) (at - windowStart);
        }

        private void closeChannel() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing a log reader's channel failed", e);
            }
            channel = null;
        }
    }
}
