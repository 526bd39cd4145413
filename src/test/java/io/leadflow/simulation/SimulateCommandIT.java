package io.leadflow.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code simulate} command, run in-process against this leadflow's database beside it: a period's leads and a CSV of
 * leads replayed through a changed fit rule, the diff written to a file and summarised, nothing live written; bad
 * input ends with exit code 2 and a message naming it.
 */
class SimulateCommandIT extends LeadflowIntegrationTest {

    private static final List<String> LIVE_TABLES = List.of("lead", "lead_event", "rep_task", "outbound_mail", "simulation");

    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.url}")
    String database;
    @TempDir
    Path folder;

    @Test
    void aPeriodsLeadsAndAFilesLeadsAreReplayedThroughTheChangedModelsAndNothingLiveIsWritten() throws Exception {
        Instant from = clock.instant().minusSeconds(60);
        UUID fitting = postLead(mqlLead("Rodrigo"));
        // Retail, 250 employees, a region served but not the target: below the deployed threshold of 70, above 55.
        UUID spanish = postLead(Map.of("type", "FORM_FILL", "email", uniqueEmail("lucia", "iberotel.es"), "firstName", "Lucía",
                "jobTitle", "CEO", "country", "ES", "industry", "retail", "employees", 250));
        List.of(fitting, spanish).forEach(id -> awaitTimeline(id, "QUALIFIED"));
        awaitAtRest(fitting, spanish);
        Instant to = clock.instant().plusSeconds(60);
        Path models = changedFitRule();
        Map<String, Long> rowsBefore = liveRows();
        // The live leadflow's own mails (the rep's notice of the MQL) leave its outbox after the leads are at rest: the
        // simulation is measured against an outbox with nothing due.
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from outbound_mail where status = 'PENDING' and next_attempt_at <= :now")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(Long.class).single() == 0);
        int mailsBefore = mailServer.getReceivedMessages().length;

        Path periodReport = folder.resolve("period.json");
        Run period = simulate("--models", models.toString(), "--from", from.toString(), "--to=" + to, "--report", periodReport.toString());
        assertThat(period.code()).as(period.err()).isZero();
        JsonNode diff = json.readTree(periodReport.toFile());
        assertThat(diff.get("leads").asInt()).isEqualTo(2);
        assertThat(diff.get("changedLeads")).hasSize(1);
        assertThat(diff.at("/changedLeads/0/leadId").asText()).isEqualTo(spanish.toString());
        assertThat(diff.at("/changedLeads/0/candidate/stage").asText()).isEqualTo("MQL");
        assertThat(period.out()).contains("2 leads replayed through lead-fit.dmn", "1 would change", "Lucía");

        Path leads = Files.writeString(folder.resolve("leads.csv"), """
                type,email,firstName,jobTitle,country,industry,employees,arrivedAt
                FORM_FILL,ana@iberotel-csv.es,Ana,CEO,ES,retail,250,2026-03-02T10:00:00Z
                FORM_FILL,tom@smallshop-csv.mx,Tom,Intern,MX,,,2026-03-02T11:30:00-05:00
                """);
        Path fileReport = folder.resolve("file.json");
        Run file = simulate("--models", models.toString(), "--leads", leads.toString(), "--report", fileReport.toString());
        assertThat(file.code()).as(file.err()).isZero();
        JsonNode fileDiff = json.readTree(fileReport.toFile());
        assertThat(fileDiff.get("leads").asInt()).isEqualTo(2);
        assertThat(fileDiff.get("changedLeads")).hasSize(1);
        assertThat(fileDiff.at("/changedLeads/0/name").asText()).isEqualTo("Ana");

        assertThat(liveRows()).isEqualTo(rowsBefore);
        assertThat(mailServer.getReceivedMessages()).hasSize(mailsBefore);
    }

    @Test
    void badInputEndsWithExitCode2NamingIt() throws Exception {
        Path models = changedFitRule();
        Run noModels = simulate("--from", "2026-01-01", "--to", "2026-01-31");
        assertThat(noModels.code()).isEqualTo(2);
        assertThat(noModels.err()).contains("models: is required", "usage:");

        Run badDate = simulate("--models", models.toString(), "--from", "yesterday", "--to", "2026-01-31");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("from: \"yesterday\"");

        Run unknown = simulate("--models", models.toString(), "--period", "Q1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("\"--period\" is not an option");

        Run noLeads = simulate("--models", models.toString(), "--from", "2001-01-01", "--to", "2001-01-31");
        assertThat(noLeads.code()).isEqualTo(2);
        assertThat(noLeads.err()).contains("no lead arrived");

        Path leads = Files.writeString(folder.resolve("bad.csv"), """
                type,email,country,arrivedAt
                FORM_FILL,not-an-address,ES,2026-03-02T10:00:00Z
                FORM_FILL,ana@example.es,ES,tomorrow
                """);
        Run badRows = simulate("--models", models.toString(), "--leads", leads.toString());
        assertThat(badRows.code()).isEqualTo(2);
        assertThat(badRows.err()).contains("line 2: email is not an email address", "line 3: arrivedAt");

        Files.writeString(models.resolve("lead-fit.dmn"), "<definitions");
        Run brokenModel = simulate("--models", models.toString(), "--from", "2026-01-01", "--to", "2026-01-31");
        assertThat(brokenModel.code()).isEqualTo(2);
        assertThat(brokenModel.err()).contains("lead-fit.dmn");
    }

    private record Run(int code, String out, String err) {
    }

    /** The command as {@code java -jar leadflow.jar simulate …} runs it, on this test's database, its output captured. */
    private Run simulate(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            String[] all = Stream.concat(Arrays.stream(args),
                    Stream.of("--spring.datasource.url=" + database)).toArray(String[]::new);
            int code = SimulateCommand.run(all);
            return new Run(code, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path changedFitRule() throws Exception {
        Path models = Files.createDirectories(folder.resolve("models-" + UUID.randomUUID()));
        String rule = Files.readString(Path.of("processes", "lead-fit.dmn"));
        assertThat(rule).contains("&gt;= 70");
        Files.writeString(models.resolve("lead-fit.dmn"), rule.replace("&gt;= 70", "&gt;= 55"));
        return models;
    }

    private Map<String, Long> liveRows() {
        Map<String, Long> rows = new HashMap<>();
        for (String table : LIVE_TABLES) {
            rows.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return rows;
    }
}
