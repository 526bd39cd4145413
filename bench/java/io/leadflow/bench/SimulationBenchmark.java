package io.leadflow.bench;

import com.sun.management.OperatingSystemMXBean;
import io.leadflow.simulation.SimulateCommand;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Replay before you deploy at its stated size: a quarter of leads ({@code bench.simulation-leads}, 10,000) replayed
 * through a changed fit rule and through the deployed models by the {@code simulate} command, as an operator runs it.
 * leadflow is started once to create and seed the bench database (the reps and teams the replay routes to), then
 * stopped; the command reads the leads from a CSV (the import's columns plus arrivedAt), spread over the working days of
 * 13 weeks in the leads' own hours, a seeded mix of countries, industries, sizes and titles.
 */
public final class SimulationBenchmark {

    private static final List<String> COUNTRIES = List.of("CO", "MX", "ES", "US", "AR", "CL", "PE", "GB");
    private static final List<String> INDUSTRIES = List.of("software", "retail", "manufacturing", "finance", "education", "");
    private static final List<String> TITLES = List.of("CEO", "Director de Marketing", "Marketing Manager", "Head of Sales",
            "Analyst", "Intern", "CTO", "");

    private SimulationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int leads = Integer.getInteger("bench.simulation-leads", 10_000);
        try (BenchApplication ignored = BenchApplication.start()) {
            // Migrated and seeded: the command only reads.
        }
        Path folder = Files.createDirectories(Path.of("target", "bench-simulation"));
        Path models = Files.createDirectories(folder.resolve("models"));
        String rule = Files.readString(Path.of("processes", "lead-fit.dmn"));
        Files.writeString(models.resolve("lead-fit.dmn"), rule.replace("&gt;= 70", "&gt;= 55"));
        Path file = writeLeads(folder.resolve("leads.csv"), leads);
        Path report = folder.resolve("diff.json");

        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = system.getSystemLoadAverage();
        long cpuBefore = system.getProcessCpuTime();
        long started = System.nanoTime();
        int code = SimulateCommand.run("--models", models.toString(), "--leads", file.toString(), "--report", report.toString(),
                "--spring.datasource.url=" + BenchApplication.SERVER + BenchApplication.DATABASE,
                "--leadflow.simulation.max-leads=" + Math.max(leads, 20_000));
        double seconds = (System.nanoTime() - started) / 1e9;
        // The CPU the command used (every thread of this JVM, the sandboxes' included): on a shared machine the wall
        // time mostly says how much of a core the command was given.
        double cpuSeconds = (system.getProcessCpuTime() - cpuBefore) / 1e9;
        System.out.printf("simulation: %d leads over a quarter, both sides replayed: exit %d in %.1f s (%.0f leads/s per side); "
                        + "CPU %.1f s (%.1f ms a lead and side); load average %.1f before, %.1f after; heap after GC %d MB%n",
                leads, code, seconds, leads / seconds * 2, cpuSeconds, cpuSeconds * 1000 / (2.0 * leads), loadBefore,
                system.getSystemLoadAverage(), BenchApplication.heapUsedAfterGc() / (1024 * 1024));
        System.exit(code);
    }

    /** {@code count} leads on the working days of the 13 weeks before today, from 8:00 to 18:00 in each lead's zone. */
    private static Path writeLeads(Path file, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(23);
        LocalDate first = LocalDate.now().minusWeeks(13).with(DayOfWeek.MONDAY);
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("type,email,firstName,jobTitle,company,country,industry,employees,source,arrivedAt\n");
            for (int n = 0; n < count; n++) {
                String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
                LocalDate day = first.plusDays((long) n * 91 / count);
                while (day.getDayOfWeek().getValue() > 5) {
                    day = day.plusDays(1);
                }
                ZonedDateTime arrivedAt = day.atTime(8 + random.nextInt(10), random.nextInt(60)).atZone(zone(country));
                int employees = random.nextInt(4) == 0 ? 0 : 5 + random.nextInt(2000);
                out.write("FORM_FILL,lead%d@company%d.example.com,Lead%d,%s,Company %d,%s,%s,%s,ebook,%s\n".formatted(n, n % 3000, n,
                        TITLES.get(random.nextInt(TITLES.size())), n % 3000, country, INDUSTRIES.get(random.nextInt(INDUSTRIES.size())),
                        employees == 0 ? "" : employees, arrivedAt.toOffsetDateTime()));
            }
        }
        return file;
    }

    private static ZoneId zone(String country) {
        return ZoneId.of(switch (country) {
            case "CO" -> "America/Bogota";
            case "MX" -> "America/Mexico_City";
            case "ES" -> "Europe/Madrid";
            case "US" -> "America/New_York";
            case "AR" -> "America/Argentina/Buenos_Aires";
            case "CL" -> "America/Santiago";
            case "PE" -> "America/Lima";
            default -> "Europe/London";
        });
    }
}
