package io.leadflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV import of many leads through {@code POST /api/leads/import}: how long until every row is
 * accepted (stored with its process start), and how fast the processes follow.
 *
 * <p>System properties: bench.rows (100000), bench.wait-seconds (cap on waiting for the starts, 1800).
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            run(app, BenchApplication.intProperty("bench.rows", 100_000));
            return app;
        });
    }

    static void run(BenchApplication app, int rows) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("type,email,firstName,lastName,jobTitle,company,country,source\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            csv.writeBytes("FORM_FILL,imp.%s.%d@andesnet.co,Imp,N%d,Director de Marketing,AndesNet,CO,ebook\n"
                    .formatted(run, i, i).getBytes(StandardCharsets.UTF_8));
        }
        long start = System.nanoTime();
        String answer = postFullDuplex(app.port(), csv.toByteArray());
        double importSeconds = (System.nanoTime() - start) / 1e9;
        long accepted = count("select count(*) from lead where email like 'imp." + run + ".%'");
        Matcher totals = Pattern.compile("\"accepted\":(\\d+),\"merged\":(\\d+),\"rejected\":(\\d+)").matcher(answer);
        System.out.printf("import: %d rows answered in %.1f s (%.0f rows/s): %s; %d leads stored%n",
                rows, importSeconds, rows / importSeconds, totals.find() ? totals.group() : "no totals", accepted);

        int waitSeconds = BenchApplication.intProperty("bench.wait-seconds", 1800);
        long deadline = start + Duration.ofSeconds(waitSeconds).toNanos();
        long started = 0;
        while (System.nanoTime() < deadline && started < accepted) {
            Thread.sleep(1000);
            started = count("select count(*) from lead_process where started_at is not null");
        }
        double startedSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("import: %d of %d processes started %.1f s after the import began (%.0f starts/s after it answered)%n",
                started, accepted, startedSeconds, started / Math.max(0.001, startedSeconds - importSeconds));
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
            out.write(("POST /api/leads/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer dev-api-key\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            reader.join();
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = BenchApplication.connect(); PreparedStatement query = db.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
