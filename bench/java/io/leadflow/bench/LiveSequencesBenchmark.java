package io.leadflow.bench;

/**
 * Many live sequences on the embedded engine: schedules them, reports heap, resident memory and the
 * engine's data directory, then stops leadflow and starts it again on the same data, timing the
 * restart (the engine recovers its state from disk).
 *
 * <p>System properties: bench.leads (100000), bench.in-flight (64), bench.wait-seconds (1800).
 */
public final class LiveSequencesBenchmark {

    private LiveSequencesBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            int count = BenchApplication.intProperty("bench.leads", 100_000);
            if (System.getProperty("bench.wait-seconds") == null) {
                System.setProperty("bench.wait-seconds", "1800");
            }
            SequenceScheduleBenchmark.run(app, count);
            System.out.printf("live sequences=%d heap=%.0f MiB rss=%.0f MiB engine data=%.0f MiB%n", count,
                    BenchApplication.heapUsedAfterGc() / 1048576.0, BenchApplication.residentBytes() / 1048576.0,
                    BenchApplication.directoryBytes(app.engineData()) / 1048576.0);

            app.close();
            long stopped = System.nanoTime();
            BenchApplication restarted = BenchApplication.start(app.engineData());
            System.out.printf("restart with %d live sequences: leadflow ready %.1f s after the stop%n", count,
                    (System.nanoTime() - stopped) / 1e9);
            return restarted;
        });
    }
}
