package io.leadflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The managers' reports over {@code bench.leads} (100,000) leads of the last 90 days, inserted straight into the tables
 * (one SQL statement each): stage history, five-attempt sequences with templates and outcomes, SLA breaches, open
 * tasks. Times each report, JSON and CSV, over the 90 days and over the last month (best and median of 5 after a warm-up).
 */
public final class ReportsBenchmark {

    private static final int RUNS = 5;

    private ReportsBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            int leads = BenchApplication.intProperty("bench.leads", 100_000);
            long started = System.nanoTime();
            insert(leads);
            System.out.printf("inserted %,d leads with their history in %d ms%n", leads, (System.nanoTime() - started) / 1_000_000);
            LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
            HttpClient http = HttpClient.newHttpClient();
            for (String period : List.of("from=" + tomorrow.minusDays(91) + "&to=" + tomorrow,
                    "from=" + tomorrow.minusDays(31) + "&to=" + tomorrow)) {
                for (String report : List.of("funnel?groupBy=rep&", "funnel?groupBy=team&", "sla?", "sequences?")) {
                    time(http, app.port(), "/api/reports/" + report + period, "application/json");
                }
            }
            time(http, app.port(), "/api/reports/reps", "application/json");
            time(http, app.port(), "/api/reports/funnel?groupBy=source", "text/csv");
            return app;
        });
    }

    private static void time(HttpClient http, int port, String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer dev-api-key").header("Accept", accept).build();
        List<Double> millis = new ArrayList<>();
        int bytes = 0;
        for (int run = 0; run <= RUNS; run++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            bytes = response.body().length();
            if (run > 0) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        System.out.printf("%-70s %-16s best %6.1f ms  median %6.1f ms  (%,d chars)%n", path, accept,
                BenchApplication.percentile(millis, 0), BenchApplication.percentile(millis, 50), bytes);
    }

    /** The leads and their history, spread over the last 90 days; every second one an MQL with a sequence. */
    private static void insert(int leads) throws Exception {
        try (Connection db = BenchApplication.connect(); Statement sql = db.createStatement()) {
            sql.execute("""
                    create temporary table bench_lead as
                    select gen_random_uuid() as id, i, (select array_agg(username order by username) from rep) as reps,
                           now() - (i % 90) * interval '1 day' - (i % 480) * interval '1 minute' as at
                      from generate_series(1, LEADS) as i
                    """.replace("LEADS", Integer.toString(leads)));
            sql.execute("""
                    insert into lead (id, type, email, email_key, first_name, last_name, company, country, time_zone, language,
                                      source, stage, owner, created_at, updated_at)
                    select id, case when i % 4 = 0 then 'IMPORT' else 'FORM_FILL' end, 'bench' || i || '@andesnet.co',
                           'bench' || i || '@andesnet.co', 'Bench', 'N' || i, 'AndesNet', 'CO', 'America/Bogota', 'es',
                           (array['ebook', 'webinar', 'demo-request', 'referral'])[1 + i % 4],
                           case when i % 16 = 0 then 'CUSTOMER' when i % 8 = 0 then 'OPPORTUNITY' when i % 4 = 0 then 'SQL'
                                when i % 2 = 0 then 'MQL' when i % 5 = 0 then 'DISQUALIFIED' else 'LEAD' end,
                           reps[1 + i % array_length(reps, 1)], at, at
                      from bench_lead
                    """);
            sql.execute("""
                    insert into lead_stage (lead_id, stage, at, reason)
                    select id, stage, at + n * interval '1 hour', 'bench'
                      from bench_lead,
                           lateral (values (0, 'LEAD', true), (1, 'MQL', i % 2 = 0), (2, 'SQL', i % 4 = 0), (3, 'OPPORTUNITY', i % 8 = 0),
                                           (4, 'CUSTOMER', i % 16 = 0), (1, 'DISQUALIFIED', i % 2 = 1 and i % 5 = 0),
                                           (5, 'LEAD', i % 2 = 0 and i % 4 <> 0 and i % 3 = 0)) as s(n, stage, happened)
                     where happened
                    """);
            sql.execute("""
                    insert into lead_event (lead_id, type, at, details)
                    select id, 'RECEIVED', at, cast('{}' as jsonb) from bench_lead
                    union all
                    select id, 'SLA_BREACHED', at + interval '4 hours', cast('{"breach":"FIRST_ATTEMPT","round":1,"owner":"ana"}' as jsonb)
                      from bench_lead where i % 2 = 0 and i % 20 = 2
                    """);
            sql.execute("""
                    insert into sequence_attempt (lead_id, round, step, channel, planned_at, due, status, outcome, updated_at,
                                                  made_at, working_hours_to_made, template)
                    select id, 1, step, channel, at + offs, at + offs + interval '4 hours',
                           case when made then 'DONE' else 'PLANNED' end, null, at + offs,
                           case when made then at + offs + (i % 300) * interval '1 minute' end,
                           case when made then (i % 300) / 60.0 end,
                           case when channel = 'EMAIL' then 'marketing__telecom__awareness.es' end
                      from bench_lead,
                           lateral (values (1, 'CALL', interval '0'), (2, 'EMAIL', interval '2 days'), (3, 'CALL', interval '5 days'),
                                           (4, 'EMAIL', interval '9 days'), (5, 'CALL', interval '13 days')) as s(step, channel, offs),
                           lateral (select i % 20 <> 2 and at + offs < now() as made) m
                     where i % 2 = 0
                    """);
            sql.execute("""
                    insert into sequence_outcome (lead_id, round, outcome, step, template, at)
                    select id, 1, (array['REPLIED', 'MEETING_BOOKED', 'UNSUBSCRIBED', 'BOUNCED'])[1 + i % 4], 1 + i % 5,
                           'marketing__telecom__awareness.es', at + (1 + i % 5) * interval '2 days'
                      from bench_lead where i % 2 = 0 and i % 3 = 0
                    """);
            sql.execute("""
                    insert into rep_task (job_key, lead_id, element_id, name, assignee, due, status, created_at, engine_id)
                    select i, id, 'Task_FirstContact', 'First contact', reps[1 + i % array_length(reps, 1)],
                           at + interval '4 hours', case when i % 10 = 0 then 'OPEN' else 'COMPLETED' end, at, 'bench'
                      from bench_lead
                    """);
            sql.execute("analyze");
        }
    }
}
