package io.leadflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV import of fitting leads through {@code POST /api/leads/import} into leadflow started with {@code mvn
 * spring-boot:run}: how long until every row is stored (answered), then until every lead is qualified, assigned
 * (its rep's notification mail in the outbox), sequenced (five attempts planned) and has its rep's First contact
 * task; and what each lead cost in engine records and PostgreSQL statements.
 *
 * <p>System properties: bench.rows (10000), bench.wait-seconds (cap on waiting for the leads, 900), bench.warmup-rows
 * (0: rows of other leads imported the same way first and waited for, so the measured import meets a leadflow whose
 * code the JIT has compiled, as after a while in use).
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) {
        LaunchedLeadflow.run(leadflow -> {
            int warmUp = BenchApplication.intProperty("bench.warmup-rows", 0);
            if (warmUp > 0) {
                run(leadflow, new FitLeads("warm"), warmUp, "warm-up");
            }
            run(leadflow, BenchApplication.intProperty("bench.rows", 10_000));
        });
    }

    static void run(LaunchedLeadflow leadflow, int rows) throws Exception {
        run(leadflow, new FitLeads("imp"), rows, "import");
    }

    private static void run(LaunchedLeadflow leadflow, FitLeads leads, int rows, String label) throws Exception {
        byte[] csv = leads.csv(rows).getBytes(StandardCharsets.UTF_8);
        LeadCost cost = LeadCost.mark(leadflow);
        long start = System.nanoTime();
        String answer = postFullDuplex(leadflow.base().getPort(), csv);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        Matcher totals = Pattern.compile("\"accepted\":(\\d+),\"merged\":(\\d+),\"rejected\":(\\d+)").matcher(answer);
        System.out.printf("%s: %d rows answered in %.1f s (%.0f rows/s): %s%n",
                label, rows, importSeconds, rows / importSeconds, totals.find() ? totals.group() : "no totals");

        long deadline = start + TimeUnit.SECONDS.toNanos(BenchApplication.intProperty("bench.wait-seconds", 900));
        FitLeads.Progress progress;
        int reported = 0;
        try (Connection db = BenchApplication.connect()) {
            do {
                TimeUnit.SECONDS.sleep(2);
                progress = leads.progress(db);
                int elapsed = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                if (elapsed / 15 > reported) {
                    reported = elapsed / 15;
                    LaunchedLeadflow.EnginePosition engine = leadflow.enginePosition();
                    System.out.printf("  %4d s: %d stored, %d qualified and assigned, %d sequenced, %d with their task; engine backlog %d%n",
                            elapsed, progress.stored(), progress.assigned(), progress.planned(), progress.tasked(), engine.backlog());
                    if (reported == 4) {
                        leadflow.threadDump(label + "-60s");
                    }
                }
            } while ((progress.tasked() < progress.stored() || progress.planned() < progress.stored() || progress.stored() < rows)
                    && System.nanoTime() < deadline);
        }
        double doneSeconds = (System.nanoTime() - start) / 1e9;
        if (progress.tasked() < rows) {
            System.out.printf("WARNING: after %.0f s only %d of %d leads have their First contact task%n", doneSeconds, progress.tasked(), rows);
        }
        System.out.printf("%s: %d leads qualified, assigned and sequenced with their First contact task %.1f s after the import began "
                + "(%.1f leads/s)%n", label, progress.tasked(), doneSeconds, progress.tasked() / doneSeconds);
        cost.print(label, progress.stored());
    }

    /**
     * Sends the CSV while reading the streamed answer on another thread, as curl does: a client that
     * reads only after sending would stop the server, whose answer fills the socket meanwhile.
     */
    private static String postFullDuplex(int port, byte[] body) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    socket.getInputStream().transferTo(answer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/leads/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + FitLeads.API_KEY + "\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            reader.join(Duration.ofMinutes(10));
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
