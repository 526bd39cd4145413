package io.leadflow.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

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
        BenchApplication app = null;
        int status = 0;
        try {
            app = BenchApplication.start();
            run(app, BenchApplication.intProperty("bench.rows", 100_000));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            BenchApplication.exit(app, status);
        }
    }

    static void run(BenchApplication app, int rows) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("type,email,firstName,lastName,jobTitle,company,country,source\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            csv.writeBytes("FORM_FILL,imp.%s.%d@andesnet.co,Imp,N%d,Director de Marketing,AndesNet,CO,ebook\n"
                    .formatted(run, i, i).getBytes(StandardCharsets.UTF_8));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/leads/import"))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer dev-api-key").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv.toByteArray())).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - start) / 1e9;
        long accepted = count("select count(*) from lead where email like 'imp." + run + ".%'");
        System.out.printf("import: %d rows answered %d in %.1f s (%.0f rows/s), %d leads stored%n",
                rows, response.statusCode(), importSeconds, rows / importSeconds, accepted);

        int waitSeconds = BenchApplication.intProperty("bench.wait-seconds", 1800);
        long deadline = start + Duration.ofSeconds(waitSeconds).toNanos();
        long started = 0;
        while (System.nanoTime() < deadline && started < accepted) {
            Thread.sleep(1000);
            started = count("select count(*) from lead_process_start where started_at is not null");
        }
        double startedSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("import: %d of %d processes started %.1f s after the import began (%.0f starts/s after it answered)%n",
                started, accepted, startedSeconds, started / Math.max(0.001, startedSeconds - importSeconds));
    }

    private static long count(String sql) throws Exception {
        try (Connection db = BenchApplication.connect(); PreparedStatement query = db.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
