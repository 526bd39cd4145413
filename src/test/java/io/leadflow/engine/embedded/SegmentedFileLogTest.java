package io.leadflow.engine.embedded;

import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import io.camunda.zeebe.util.buffer.DirectBufferWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SegmentedFileLogTest {

    private static final long LARGE = 64L * 1024 * 1024;
    private static final long TINY = 256;

    @TempDir
    Path directory;

    private final List<SegmentedFileLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() throws IOException {
        for (SegmentedFileLog log : opened) {
            log.close();
        }
    }

    @Test
    void appendedBlocksAreAcknowledgedInOrderAndReadBack() throws IOException {
        SegmentedFileLog log = open(LARGE);
        AtomicInteger commits = new AtomicInteger();
        log.addCommitListener(commits::incrementAndGet);
        List<String> events = new CopyOnWriteArrayList<>();
        AppendListener listener = new AppendListener() {
            @Override
            public void onWrite(long index, long highestPosition) {
                events.add("write " + index + " " + highestPosition);
            }

            @Override
            public void onCommit(long index, long highestPosition) {
                events.add("commit " + index + " " + highestPosition);
            }
        };

        for (int i = 0; i < 5; i++) {
            log.append(block(i).lowest(), block(i).highest(), writer(block(i).payload()), listener);
        }
        awaitCommitted(log, block(4).highest());

        assertThat(events).containsExactly(
                "write 1 5", "commit 1 5", "write 2 15", "commit 2 15", "write 3 25", "commit 3 25",
                "write 4 35", "commit 4 35", "write 5 45", "commit 5 45");
        assertThat(commits).hasPositiveValue();
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 5));
        assertThat(log.lastCommittedPosition()).isEqualTo(45);
    }

    @Test
    void reopenKeepsAllBlocksAndSeekFindsTheBlockOfAPosition() throws IOException {
        SegmentedFileLog log = open(TINY);
        appendAll(log, blocks(0, 20));
        log.close();

        log = open(TINY);
        assertThat(log.lastCommittedPosition()).isEqualTo(block(19).highest());
        appendAll(log, blocks(20, 30));
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 30));
        assertThat(log.segmentCount()).isGreaterThan(3);

        try (LogStorageReader reader = log.newReader()) {
            for (int i : new int[] {0, 7, 8, 15, 29}) {
                Block block = block(i);
                assertThat(seekAndRead(reader, block.lowest())).isEqualTo(block);
                assertThat(seekAndRead(reader, block.lowest() + 2)).isEqualTo(block);
                assertThat(seekAndRead(reader, block.highest())).isEqualTo(block);
                // positions between two blocks belong to neither: the lower one is found
                assertThat(seekAndRead(reader, block.highest() + 3)).isEqualTo(block);
            }
            assertThat(seekAndRead(reader, -1)).isEqualTo(block(0));
            assertThat(seekAndRead(reader, Long.MIN_VALUE)).isEqualTo(block(0));
            assertThat(seekAndRead(reader, Long.MAX_VALUE)).isEqualTo(block(29));
            assertThat(reader.hasNext()).isFalse();

            reader.seek(block(27).lowest());
            assertThat(readRemaining(reader)).containsExactlyElementsOf(blocks(27, 30));
        }
    }

    @Test
    void seeksWithinLargeSegmentsAndReadsBlocksLargerThanTheReadAhead() throws IOException {
        SegmentedFileLog log = open(LARGE);
        List<Block> expected = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            // every 1000th block is larger than the reader's 64 KiB read-ahead
            String tag = (i % 1000 == 999 ? "x".repeat(100_000) : "y".repeat(100)) + i;
            expected.add(new Block(10L * i + 1, 10L * i + 5, tag));
        }
        appendAll(log, expected);
        log.close();
        log = open(LARGE);

        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(readAll(log)).containsExactlyElementsOf(expected);
        try (LogStorageReader reader = log.newReader()) {
            for (int i : new int[] {3999, 0, 1234, 999, 1000, 2500, 2499}) {
                assertThat(seekAndRead(reader, 10L * i + 3)).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void rollsOverIntoNewSegmentsWhenOneIsFull() throws IOException {
        SegmentedFileLog log = open(TINY);
        appendAll(log, blocks(0, 30));
        Block oversized = new Block(301, 305, "big".repeat(200));
        appendAll(log, List.of(oversized, block(31)));

        assertThat(segmentFiles()).hasSize(log.segmentCount()).hasSizeGreaterThan(5)
                .allSatisfy(file -> assertThat(file.getFileName().toString()).matches("segment-\\d{20}\\.log"));
        assertThat(segmentFiles()).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(TINY + 600));
        assertThat(log.sizeBytes()).isEqualTo(totalFileBytes());
        List<Block> expected = new ArrayList<>(blocks(0, 30));
        expected.addAll(List.of(oversized, block(31)));
        assertThat(readAll(log)).containsExactlyElementsOf(expected);

        log.close();
        assertThat(readAll(open(TINY))).containsExactlyElementsOf(expected);
    }

    @Test
    void reopenCutsOffGarbageAfterTheLastBlock() throws IOException {
        SegmentedFileLog log = open(TINY);
        appendAll(log, blocks(0, 10));
        log.close();
        Path last = lastSegment();
        long intactBytes = Files.size(last);
        // a frame header announcing 100 bytes, followed by only a few of them
        appendBytes(last, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 101, 9, 9, 9, 9, 9, 9});

        log = open(TINY);

        assertThat(Files.size(last)).isEqualTo(intactBytes);
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 10));
        appendAll(log, blocks(10, 12));
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 12));
    }

    @Test
    void reopenDropsABlockWrittenOnlyInPartAboveTheFlushedPosition() throws IOException {
        SegmentedFileLog log = open(LARGE);
        appendAll(log, blocks(0, 10));
        log.close();
        Path last = lastSegment();
        long size = Files.size(last);
        // the crash tore the write of block 10: it was never fsynced, so never acknowledged
        byte[] frame = LogSegment.frame(block(10).lowest(), block(10).highest(), writer(block(10).payload())).array();
        appendBytes(last, java.util.Arrays.copyOf(frame, frame.length - 3));

        log = open(LARGE);

        assertThat(Files.size(last)).isEqualTo(size);
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 10));
        assertThat(log.lastCommittedPosition()).isEqualTo(block(9).highest());
        appendAll(log, blocks(10, 12));
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 12));
    }

    @Test
    void refusesToOpenWhenDurableBytesAreCutOff() throws IOException {
        SegmentedFileLog log = open(LARGE);
        appendAll(log, blocks(0, 10));
        log.close();
        Path last = lastSegment();
        long size = Files.size(last);
        try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
            file.setLength(size - 7);
        }

        assertThatThrownBy(() -> open(LARGE))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(last.getFileName().toString())
                .hasMessageContaining("byte offset " + (size - frameBytes(block(9))))
                .hasMessageContaining("up to " + block(9).highest() + " durable");
        assertThat(Files.size(last)).as("nothing cut").isEqualTo(size - 7);

        // cut at a block boundary: every remaining block is intact, but the last durable one is gone
        try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
            file.setLength(size - frameBytes(block(9)));
        }
        assertThatThrownBy(() -> open(LARGE))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("ends at position " + block(8).highest());
    }

    @Test
    void aTornWriteOfTheFlushedPositionKeepsThePreviousOne() throws IOException {
        SegmentedFileLog log = open(LARGE);
        appendAll(log, blocks(0, 3));
        appendAll(log, blocks(3, 6));
        log.close();
        Path record = directory.resolve(FlushedPosition.FILE_NAME);
        // a torn write damages one slot: the other still holds an earlier flushed position
        flipByte(record, 8);
        try (SegmentedFileLog reopened = SegmentedFileLog.open(directory, LARGE)) {
            assertThat(readAll(reopened)).containsExactlyElementsOf(blocks(0, 6));
        }
        // the reopen stored the position again; damage to both slots is no crash's doing
        flipByte(record, 9);
        flipByte(record, 20 + 9);
        assertThatThrownBy(() -> open(LARGE))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("flushed position");
    }

    @Test
    void reopenDropsTrailingZeroBytes() throws IOException {
        SegmentedFileLog log = open(LARGE);
        appendAll(log, blocks(0, 3));
        log.close();
        Path last = lastSegment();
        long size = Files.size(last);
        appendBytes(last, new byte[4096]);

        log = open(LARGE);

        assertThat(Files.size(last)).isEqualTo(size);
        assertThat(readAll(log)).containsExactlyElementsOf(blocks(0, 3));
    }

    @Test
    void refusesToOpenWhenABlockFollowedByOthersIsDamaged() throws IOException {
        SegmentedFileLog log = open(LARGE);
        appendAll(log, blocks(0, 5));
        log.close();
        Path last = lastSegment();
        flipByte(last, 8 + frameBytes(block(0)) + 30);

        assertThatThrownBy(() -> open(LARGE))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(last.getFileName().toString())
                .hasMessageContaining("byte offset " + (8 + frameBytes(block(0))))
                .hasMessageContaining("from a backup");
    }

    @Test
    void refusesToOpenWhenAnOlderSegmentIsDamaged() throws IOException {
        SegmentedFileLog log = open(TINY);
        appendAll(log, blocks(0, 30));
        log.close();
        Path older = segmentFiles().get(1);
        // the last byte: the last block of a segment that is not the last one
        flipByte(older, Files.size(older) - 1);

        assertThatThrownBy(() -> open(TINY))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(older.getFileName().toString());
    }

    @Test
    void refusesToOpenWhenASegmentIsMissingOrOutOfOrder() throws IOException {
        SegmentedFileLog log = open(TINY);
        appendAll(log, blocks(0, 30));
        log.close();
        List<Path> files = segmentFiles();
        Path swap = directory.resolve("swap");
        Files.move(files.get(1), swap);
        Files.move(files.get(2), files.get(1));
        Files.move(swap, files.get(2));

        assertThatThrownBy(() -> open(TINY))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(files.get(2).getFileName().toString())
                .hasMessageContaining("do not follow");

        Files.delete(files.get(2));
        assertThatThrownBy(() -> open(TINY))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(files.get(3).getFileName().toString())
                .hasMessageContaining("missing");
    }

    @Test
    void compactionDeletesOnlySegmentsEntirelyBelowThePosition() throws IOException {
        SegmentedFileLog log = open(TINY);
        appendAll(log, blocks(0, 40));
        LogStorageReader startedBefore = log.newReader();
        int segments = log.segmentCount();
        long position = block(20).lowest() + 1;

        int deleted = log.compactBelow(position);

        assertThat(deleted).isPositive();
        assertThat(log.segmentCount()).isEqualTo(segments - deleted);
        assertThat(segmentFiles()).hasSize(segments - deleted);
        assertThat(log.sizeBytes()).isEqualTo(totalFileBytes());
        List<Block> remaining = readAll(log);
        assertThat(remaining.getFirst().lowest()).isLessThanOrEqualTo(position);
        assertThat(remaining.getFirst()).isNotEqualTo(block(0));
        assertThat(remaining.getLast()).isEqualTo(block(39));
        try (LogStorageReader reader = log.newReader()) {
            assertThat(seekAndRead(reader, position)).isEqualTo(block(20));
            assertThat(seekAndRead(reader, -1)).isEqualTo(remaining.getFirst());
        }
        // a reader created before compaction skips what is gone and reads on to the end
        List<Block> seenByOldReader = readRemaining(startedBefore);
        startedBefore.close();
        assertThat(seenByOldReader).isSortedAccordingTo(Comparator.comparingLong(Block::lowest))
                .endsWith(remaining.toArray(Block[]::new));

        assertThat(log.compactBelow(Long.MAX_VALUE)).isPositive();
        assertThat(log.segmentCount()).isEqualTo(1);
        List<Block> inLastSegment = readAll(log);
        assertThat(inLastSegment).isNotEmpty().endsWith(block(39));
        log.close();

        log = open(TINY);
        assertThat(readAll(log)).isEqualTo(inLastSegment);
        appendAll(log, blocks(40, 45));
        assertThat(readAll(log)).endsWith(blocks(39, 45).toArray(Block[]::new));
    }

    @Test
    void readersSeeABlockOnceItIsCommitted() throws IOException {
        SegmentedFileLog log = open(LARGE);
        LogStorageReader reader = log.newReader();
        assertThat(reader.hasNext()).isFalse();
        AtomicBoolean visibleAtCommit = new AtomicBoolean();
        log.append(1, 5, writer(block(0).payload()), new AppendListener() {
            @Override
            public void onCommit(long index, long highestPosition) {
                try (LogStorageReader fresh = log.newReader()) {
                    visibleAtCommit.set(fresh.hasNext());
                }
            }
        });

        await().atMost(Duration.ofMinutes(2)).until(reader::hasNext);
        assertThat(decode(reader.next())).isEqualTo(block(0));
        assertThat(visibleAtCommit).isTrue();
        assertThat(reader.hasNext()).isFalse();
        reader.close();
    }

    @Test
    void aLogThatIsNotDurableHandsABlockOnBeforeItsAppendReturnsAndRollsAndReopensAlike() throws IOException {
        SegmentedFileLog log = SegmentedFileLog.open(directory, TINY, false);
        opened.add(log);
        AtomicInteger commits = new AtomicInteger();
        log.addCommitListener(commits::incrementAndGet);
        LogStorageReader reader = log.newReader();

        log.append(block(0).lowest(), block(0).highest(), writer(block(0).payload()), new AppendListener() {
        });

        // No flusher in between: the block is committed, and readable, once append returns.
        assertThat(log.lastCommittedPosition()).isEqualTo(block(0).highest());
        assertThat(commits).hasValue(1);
        assertThat(decode(reader.next())).isEqualTo(block(0));
        reader.close();

        appendAll(log, blocks(1, 12));
        assertThat(segmentFiles()).hasSizeGreaterThan(1);
        log.close();
        opened.remove(log);
        assertThat(readAll(open(TINY))).isEqualTo(blocks(0, 12));
    }

    @Test
    void concurrentAppendsAppearExactlyOnceInPositionOrder() throws Exception {
        SegmentedFileLog log = open(4096);
        ReentrantLock sequencer = new ReentrantLock();
        long[] nextPosition = {1};
        int threads = 4;
        int perThread = 500;
        AtomicBoolean appending = new AtomicBoolean(true);
        List<Block> seenWhileAppending = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
        try {
            // reads along and checks that nothing shows up before it is committed
            Future<?> tailing = executor.submit(() -> {
                try (LogStorageReader reader = log.newReader()) {
                    while (appending.get() || reader.hasNext()) {
                        while (reader.hasNext()) {
                            Block block = decode(reader.next());
                            assertThat(log.lastCommittedPosition()).isGreaterThanOrEqualTo(block.highest());
                            seenWhileAppending.add(block);
                        }
                        LockSupport.parkNanos(100_000);
                    }
                }
            });
            List<Future<?>> writers = IntStream.range(0, threads).<Future<?>>mapToObj(t -> executor.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    sequencer.lock();
                    try {
                        long position = nextPosition[0]++;
                        log.append(position, position, writer("%d:%d:t%d-%d".formatted(position, position, t, i)),
                                new AppendListener() {
                                });
                    } finally {
                        sequencer.unlock();
                    }
                }
            })).toList();
            for (Future<?> writer : writers) {
                writer.get();
            }
            awaitCommitted(log, threads * perThread);
            appending.set(false);
            tailing.get();
        } finally {
            executor.shutdownNow();
        }

        List<Block> all = readAll(log);
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).extracting(Block::lowest)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * perThread).mapToObj(i -> (long) i).toList());
        assertThat(all).extracting(Block::payload).doesNotHaveDuplicates();
        assertThat(seenWhileAppending).isEqualTo(all);
        assertThat(log.segmentCount()).isGreaterThan(1);
    }

    @Test
    void closeCommitsPendingBlocksAndLaterAppendsFail() throws IOException {
        SegmentedFileLog log = open(LARGE);
        AtomicInteger committed = new AtomicInteger();
        AppendListener listener = new AppendListener() {
            @Override
            public void onCommit(long index, long highestPosition) {
                committed.incrementAndGet();
            }
        };
        for (Block block : blocks(0, 100)) {
            log.append(block.lowest(), block.highest(), writer(block.payload()), listener);
        }
        log.close();
        log.close();

        assertThat(committed).hasValue(100);
        assertThatThrownBy(() -> log.append(1001, 1001, writer("late"), listener))
                .isInstanceOf(IllegalStateException.class);
        assertThat(readAll(open(LARGE))).containsExactlyElementsOf(blocks(0, 100));
    }

    @Test
    void rejectsPositionsThatDoNotIncrease() throws IOException {
        SegmentedFileLog log = open(LARGE);
        appendAll(log, blocks(0, 2));

        assertThatThrownBy(() -> log.append(block(1).highest(), 100, writer("again"), new AppendListener() {
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(200, 199, writer("reversed"), new AppendListener() {
        })).isInstanceOf(IllegalArgumentException.class);
    }

    /** Block i holds positions 10i+1 .. 10i+5, so positions 10i+6 .. 10i+10 lie between two blocks. */
    private record Block(long lowest, long highest, String tag) {

        String payload() {
            return lowest + ":" + highest + ":" + tag;
        }
    }

    private static Block block(int i) {
        return new Block(10L * i + 1, 10L * i + 5, "block-" + i);
    }

    private static List<Block> blocks(int from, int to) {
        return IntStream.range(from, to).mapToObj(SegmentedFileLogTest::block).toList();
    }

    private static Block decode(DirectBuffer buffer) {
        String[] parts = buffer.getStringWithoutLengthAscii(0, buffer.capacity()).split(":", 3);
        return new Block(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
    }

    private static BufferWriter writer(String payload) {
        return new DirectBufferWriter().wrap(new UnsafeBuffer(payload.getBytes(StandardCharsets.US_ASCII)));
    }

    private static long frameBytes(Block block) {
        return 24 + block.payload().length();
    }

    private SegmentedFileLog open(long maxSegmentBytes) throws IOException {
        SegmentedFileLog log = SegmentedFileLog.open(directory, maxSegmentBytes);
        opened.add(log);
        return log;
    }

    private static void appendAll(SegmentedFileLog log, List<Block> blocks) {
        for (Block block : blocks) {
            log.append(block.lowest(), block.highest(), writer(block.payload()), new AppendListener() {
            });
        }
        awaitCommitted(log, blocks.getLast().highest());
    }

    private static void awaitCommitted(SegmentedFileLog log, long position) {
        await().atMost(Duration.ofMinutes(2)).until(() -> log.lastCommittedPosition() >= position);
    }

    private static List<Block> readAll(SegmentedFileLog log) {
        try (LogStorageReader reader = log.newReader()) {
            return readRemaining(reader);
        }
    }

    private static List<Block> readRemaining(LogStorageReader reader) {
        List<Block> blocks = new ArrayList<>();
        while (reader.hasNext()) {
            blocks.add(decode(reader.next()));
        }
        return blocks;
    }

    private static Block seekAndRead(LogStorageReader reader, long position) {
        reader.seek(position);
        assertThat(reader.hasNext()).as("a block after seek(%d)", position).isTrue();
        return decode(reader.next());
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> sorted = new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith("segment-")).toList());
            Collections.sort(sorted);
            return sorted;
        }
    }

    private Path lastSegment() throws IOException {
        return segmentFiles().getLast();
    }

    private long totalFileBytes() throws IOException {
        long total = 0;
        for (Path file : segmentFiles()) {
            total += Files.size(file);
        }
        return total;
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0xFF);
        }
    }
}
