package io.leadflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leads that fit: a marketing director at AndesNet, CO, becomes an MQL owned by {@code ana}, gets a rep's
 * notification mail, a five-attempt sequence and a "First contact" task. Each run's leads share an address
 * prefix, so a benchmark counts its own.
 */
final class FitLeads {

    static final String API_KEY = "dev-api-key";
    private static final String CSV_HEADER = "type,email,firstName,lastName,jobTitle,company,country,source\n";

    private final String prefix;

    FitLeads(String name) {
        this.prefix = name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    String json(int n) {
        return """
                {"type":"FORM_FILL","email":"%s.%d@andesnet.co","firstName":"Bench","lastName":"N%d",\
                "jobTitle":"Director de Marketing","company":"AndesNet","country":"CO","source":"ebook"}"""
                .formatted(prefix, n, n);
    }

    private String csvRow(int n) {
        return "FORM_FILL,%s.%d@andesnet.co,Bench,N%d,Director de Marketing,AndesNet,CO,ebook\n".formatted(prefix, n, n);
    }

    /** A CSV of leads 0 … count-1, with its header. */
    String csv(int count) {
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        for (int n = 0; n < count; n++) {
            csv.append(csvRow(n));
        }
        return csv.toString();
    }

    HttpRequest post(URI base, int n) {
        return HttpRequest.newBuilder(base.resolve("/api/leads")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(n))).build();
    }

    /** Posts leads 0 … count-1 one after the other; answers how many were accepted. */
    int postEach(HttpClient http, URI base, int count) throws Exception {
        int accepted = 0;
        for (int n = 0; n < count; n++) {
            HttpResponse<String> response = http.send(post(base, n), HttpResponse.BodyHandlers.ofString());
            accepted += response.statusCode() == 201 ? 1 : 0;
        }
        return accepted;
    }

    /**
     * Imports leads 0 … count-1 as one CSV, as a burst that meets the engine all at once (unlike {@link #postEach});
     * answers how many were accepted.
     */
    int importAll(HttpClient http, URI base, int count) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/leads/import"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + API_KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv(count))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher accepted = Pattern.compile("\"accepted\":(\\d+)").matcher(response.body());
        return accepted.find() ? Integer.parseInt(accepted.group(1)) : 0;
    }

    /** How far this run's leads got: stored, qualified and assigned, with five attempts planned, with the rep's First contact task. */
    record Progress(long stored, long assigned, long planned, long tasked) {
    }

    Progress progress(Connection db) throws Exception {
        // Each lead's attempts and task looked up by their indexes: a prepared statement's generic plan, made while the
        // tables were nearly empty, joined the whole tables by nested loops and took a core of PostgreSQL from the run.
        try (PreparedStatement query = db.prepareStatement("""
                select count(*),
                       count(*) filter (where l.stage = 'MQL' and l.owner is not null),
                       count(*) filter (where (select count(*) from sequence_attempt a where a.lead_id = l.id) >= 5),
                       count(*) filter (where exists (select 1 from rep_task t where t.lead_id = l.id
                                                                                  and t.element_id = 'Task_FirstContact'))
                from lead l
                where l.email like ?
                """)) {
            query.setString(1, prefix + ".%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /**
     * Waits until {@code expected} of this run's leads are qualified, assigned, sequenced and have their task, or the
     * cap passes; answers the last progress seen.
     */
    Progress awaitDone(Connection db, long expected, Duration cap) throws Exception {
        long deadline = System.nanoTime() + cap.toNanos();
        Progress progress = progress(db);
        while ((progress.tasked() < expected || progress.planned() < expected) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            progress = progress(db);
        }
        return progress;
    }
}
