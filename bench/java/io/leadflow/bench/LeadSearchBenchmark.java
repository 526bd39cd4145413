package io.leadflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/leads} over {@code bench.leads} (100,000) leads inserted straight into the table (one statement): a
 * name, an email, a company, text that matches no lead, the filters alone and with text, and a filter paged through
 * with its cursor, one request at a time with the API key. Prints each kind's and all requests' p50, p90, p99 and max
 * after a warm-up of a tenth as many rounds.
 */
public final class LeadSearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"María", "José", "Ana", "Luis", "Carmen", "Jorge", "Lucía", "Carlos", "Sofía", "Diego",
            "Valeria", "Andrés", "Camila", "Javier", "Isabella", "Miguel", "Paula", "Fernando", "Daniela", "Ricardo", "Laura",
            "Pedro", "Elena", "Raúl", "Gabriela", "Sergio", "Natalia", "Héctor", "Mariana", "Óscar", "John", "Emily", "Michael",
            "Sarah", "David", "Emma", "James", "Olivia", "Robert", "Grace"};
    private static final String[] LAST = {"López", "García", "Martínez", "Rodríguez", "Hernández", "González", "Pérez", "Sánchez",
            "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Vargas", "Castro", "Ortiz", "Rubio", "Molina",
            "Romero", "Navarro", "Ruiz", "Jiménez", "Álvarez", "Mendoza", "Silva", "Rojas", "Herrera", "Medina", "Smith", "Brown",
            "Taylor", "Wilson", "Clark", "Walker", "Young", "King", "Scott", "Green"};
    private static final String[] COMPANY = {"Telcomex", "AndesNet", "Banco Austral", "Grupo Sol", "Ferretería Ruiz", "Minera Pampa",
            "Café del Valle", "Textiles Luna", "Logística Norte", "Seguros Brisa", "Clínica Aurora", "Agro Cosecha", "Hotel Mirador",
            "Constructora Roca", "Energía Viva", "Datos Claros", "Farmacia Central", "Transportes Águila", "Editorial Faro",
            "Vinos Altura"};

    private LeadSearchBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            int leads = BenchApplication.intProperty("bench.leads", 100_000);
            int rounds = BenchApplication.intProperty("bench.rounds", 300);
            long started = System.nanoTime();
            Map<String, String> teamRep = insert(leads);
            System.out.printf("inserted %,d leads in %d ms%n", leads, (System.nanoTime() - started) / 1_000_000);
            String team = teamRep.keySet().iterator().next();
            String rep = teamRep.get(team);
            Map<String, String> kinds = new LinkedHashMap<>();
            kinds.put("first name", "q=maría");
            kinds.put("whole name", "q=" + encode("Lucía Rubio"));
            kinds.put("email", "q=bench77777@");
            kinds.put("company", "q=telcomex");
            kinds.put("no match", "q=zzqx");
            kinds.put("stage + owner", "stage=MQL&owner=" + rep);
            kinds.put("team + source + type", "team=" + team + "&source=webinar&type=REFERRAL");
            kinds.put("name + stage + team", "q=garcía&stage=SQL&team=" + team);
            kinds.put("company + source, 100 a page", "q=" + encode("grupo sol") + "&source=referral&size=100");
            HttpClient http = HttpClient.newHttpClient();
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            kinds.keySet().forEach(kind -> millis.put(kind, new ArrayList<>()));
            millis.put("next pages (cursor)", new ArrayList<>());
            int warmUp = rounds / 10;
            for (int i = 0; i < warmUp + rounds; i++) {
                boolean measured = i >= warmUp;
                for (Map.Entry<String, String> kind : kinds.entrySet()) {
                    JsonNode page = get(http, app.port(), kind.getValue(), measured ? millis.get(kind.getKey()) : null);
                    // The owner's MQLs paged on: the next three pages, each from the cursor of the one before.
                    if (kind.getKey().equals("stage + owner")) {
                        for (int next = 0; next < 3 && page.hasNonNull("next"); next++) {
                            page = get(http, app.port(), kind.getValue() + "&cursor=" + page.get("next").asText(),
                                    measured ? millis.get("next pages (cursor)") : null);
                        }
                    }
                }
            }
            List<Double> all = new ArrayList<>();
            millis.forEach((kind, times) -> {
                all.addAll(times);
                print(kind, times);
            });
            print("all", all);
            System.out.printf("load average %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return app;
        });
    }

    private static JsonNode get(HttpClient http, int port, String query, List<Double> millis) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads?" + query))
                .header("Authorization", "Bearer dev-api-key").header("Accept", "application/json").build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + response.statusCode() + ": " + response.body());
        }
        if (millis != null) {
            millis.add(took / 1e6);
        }
        return JSON.readTree(response.body());
    }

    private static void print(String kind, List<Double> millis) {
        System.out.printf("%-32s n %,6d  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", kind, millis.size(),
                BenchApplication.percentile(millis, 50), BenchApplication.percentile(millis, 90),
                BenchApplication.percentile(millis, 99), BenchApplication.percentile(millis, 100));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String array(String[] values) {
        return "array['" + String.join("', '", values) + "']";
    }

    /**
     * The leads, spread over the last year: names, companies, sources, types, stages and owners (the directory's reps)
     * in rotation, each email unique; answers the rep with the most MQLs, by their team.
     */
    private static Map<String, String> insert(int leads) throws Exception {
        try (Connection db = BenchApplication.connect(); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into lead (id, type, email, email_key, first_name, last_name, company, country, time_zone, language,
                                      source, stage, owner, created_at, updated_at)
                    select gen_random_uuid(), (array['FORM_FILL', 'REFERRAL', 'TRIGGER_EVENT', 'COMPANY_VISIT', 'RESEARCH'])[1 + i % 5],
                           'bench' || i || '@example.com', 'bench' || i || '@example.com',
                           ({first})[1 + i % {firsts}], ({last})[1 + (i / {firsts}) % {lasts}], ({company})[1 + i % {companies}],
                           'MX', 'America/Mexico_City', 'es', (array['ebook', 'webinar', 'demo-request', 'referral'])[1 + i % 4],
                           case when i % 16 = 0 then 'CUSTOMER' when i % 8 = 0 then 'OPPORTUNITY' when i % 4 = 0 then 'SQL'
                                when i % 2 = 0 then 'MQL' when i % 5 = 0 then 'DISQUALIFIED' else 'LEAD' end,
                           reps[1 + i % array_length(reps, 1)], at, at
                      from generate_series(1, {leads}) as i,
                           lateral (select now() - (i % 365) * interval '1 day' - (i % 1440) * interval '1 minute' as at) t,
                           lateral (select array_agg(username order by username) as reps from rep) r
                    """.replace("{leads}", Integer.toString(leads))
                    .replace("{firsts}", Integer.toString(FIRST.length)).replace("{first}", array(FIRST))
                    .replace("{lasts}", Integer.toString(LAST.length)).replace("{last}", array(LAST))
                    .replace("{companies}", Integer.toString(COMPANY.length)).replace("{company}", array(COMPANY)));
            sql.execute("analyze lead");
            // The rep with the most MQLs, so their list runs to several pages, and their team.
            try (ResultSet rep = sql.executeQuery("""
                    select r.team, r.username from rep r join lead l on l.owner = r.username and l.stage = 'MQL'
                     group by r.team, r.username order by count(*) desc, r.username limit 1
                    """)) {
                rep.next();
                return Map.of(rep.getString(1), rep.getString(2));
            }
        }
    }
}
