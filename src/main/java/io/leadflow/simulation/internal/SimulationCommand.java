package io.leadflow.simulation.internal;

import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.Json;
import io.leadflow.simulation.SimulateCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code simulate} command's work, in the command's own context (so no {@code @Component}): reads the candidate
 * models of a folder and the leads of a period or a file, replays them, prints the diff's summary and writes the diff as
 * JSON. Bad input ends with a message naming it and exit code 2.
 */
class SimulationCommand implements SimulateCommand.Command {

    static final String USAGE = """
            usage: java -jar leadflow.jar simulate --models <dir> (--from <date> --to <date> | --leads <csv>) [--report <file>]
              --models  a folder of candidate .bpmn, .dmn and .form files (a file not there is the deployed one)
              --from    the first day (or ISO date-time) of the period whose leads are replayed
              --to      the last day (a date counts its whole day)
              --leads   instead of a period, a CSV of leads: the import's columns plus arrivedAt
              --report  where the diff is written as JSON (default simulation.json)
            Settings go as --spring.datasource.url=… or --leadflow.simulation.seed=…""";
    private static final List<String> OPTIONS = List.of("models", "from", "to", "leads", "report");
    private static final int CHANGED_LISTED = 20;

    private final Simulator simulator;
    private final LeadFile leadFile;
    private final Json json;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    SimulationCommand(Simulator simulator, LeadFile leadFile, Json json) {
        this.simulator = simulator;
        this.leadFile = leadFile;
        this.json = json;
    }

    @Override
    public int run(List<String> args) {
        try {
            Map<String, String> options = options(args);
            ModelSet candidate = simulator.candidate(models(Path.of(required(options, "models"))));
            List<ReplayLead> leads;
            Instant end;
            if (options.containsKey("leads")) {
                try (InputStream file = Files.newInputStream(existing("leads", Path.of(options.get("leads"))))) {
                    leads = leadFile.read(file);
                }
                end = leads.getLast().arrivedAt();
            } else {
                Instant from = SimulationController.instant("from", options.get("from"), false);
                end = SimulationController.instant("to", options.get("to"), true);
                simulator.checkPeriod(from, end);
                leads = simulator.period(from, end);
            }
            simulator.checkDeploys(candidate, leads.getFirst().arrivedAt());
            Path report = Path.of(options.getOrDefault("report", "simulation.json"));
            long started = System.nanoTime();
            SimulationDiff diff = simulator.replay(candidate, leads, end, progress(leads.size()));
            Files.writeString(report, json.write(diff));
            summary(diff, candidate, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            out.println("The diff: " + report.toAbsolutePath());
            return 0;
        } catch (InvalidRequestException e) {
            err.println(e.getMessage() + ":");
            e.errors().forEach(error -> err.println("  " + error.field() + ": " + error.message()));
            err.println(USAGE);
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("The simulation could not read or write a file: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("The simulation failed: " + e);
            return 1;
        }
    }

    /** {@code --name value} or {@code --name=value}, each of the known names at most once. */
    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : null;
            if (name == null || !OPTIONS.contains(name)) {
                throw bad(arg.startsWith("--") ? name : "argument", "\"" + arg + "\" is not an option of simulate");
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null || value.isBlank() || options.put(name, value) != null) {
                throw bad(name, value == null || value.isBlank() ? "needs a value" : "is given twice");
            }
        }
        if (options.containsKey("leads") && (options.containsKey("from") || options.containsKey("to"))) {
            throw bad("leads", "replaces the period: give --leads or --from and --to, not both");
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw bad(name, "is required");
        }
        return value;
    }

    private static Path existing(String name, Path path) {
        if (!Files.isReadable(path)) {
            throw bad(name, path + " is not a readable file or folder");
        }
        return path;
    }

    /** The folder's model files, by name; anything else in it is named as not a model. */
    private static Map<String, byte[]> models(Path folder) throws IOException {
        if (!Files.isDirectory(existing("models", folder))) {
            throw bad("models", folder + " is not a folder");
        }
        Map<String, byte[]> models = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                models.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return models;
    }

    private static InvalidRequestException bad(String field, String message) {
        return new InvalidRequestException("The command is not right", List.of(new FieldError(field, message)));
    }

    /** Each tenth of the way, on standard error: standard output keeps the summary. */
    private Simulator.Watch progress(int leads) {
        return new Simulator.Watch() {
            private int told;

            @Override
            public void replayed(int replayed) {
                int tenth = replayed * 10 / (2 * leads);
                if (tenth > told) {
                    told = tenth;
                    err.printf("replayed %d of %d (candidate and deployed models at once)%n", replayed, 2 * leads);
                }
            }
        };
    }

    private void summary(SimulationDiff diff, ModelSet candidate, long seconds) {
        out.printf("%d leads replayed through %s and through the deployed models in %d s: %d would change, %d unchanged.%n",
                diff.leads(), String.join(", ", candidate.candidateFiles()), seconds, diff.changedLeads().size(), diff.unchanged());
        out.printf("%-48s %10s %10s%n", "", "deployed", "candidate");
        counts("stage", diff.deployed().stages(), diff.candidate().stages());
        counts("team", diff.deployed().teams(), diff.candidate().teams());
        counts("mails", diff.deployed().emails(), diff.candidate().emails());
        row("rep tasks", diff.deployed().tasks(), diff.candidate().tasks());
        row("SLA breaches", diff.deployed().breaches(), diff.candidate().breaches());
        row("working hours to the first contact's due", diff.deployed().averageFirstTouchWorkingHours(),
                diff.candidate().averageFirstTouchWorkingHours());
        row("incidents", diff.deployed().incidents(), diff.candidate().incidents());
        if (!diff.changedLeads().isEmpty()) {
            out.println("Leads that would change:");
            diff.changedLeads().stream().limit(CHANGED_LISTED).forEach(lead -> out.printf("  %s (%s): %s%n", lead.name(),
                    lead.leadId(), String.join(", ", lead.changed())));
            if (diff.changedLeads().size() > CHANGED_LISTED) {
                out.printf("  and %d more (in the diff)%n", diff.changedLeads().size() - CHANGED_LISTED);
            }
        }
    }

    private void counts(String what, Map<String, Integer> deployed, Map<String, Integer> candidate) {
        TreeSet<String> keys = new TreeSet<>(deployed.keySet());
        keys.addAll(candidate.keySet());
        keys.forEach(key -> row(what + " " + key, deployed.getOrDefault(key, 0), candidate.getOrDefault(key, 0)));
    }

    private void row(String what, Object deployed, Object candidate) {
        out.printf("%-48s %10s %10s%n", what, format(deployed), format(candidate));
    }

    private static String format(Object value) {
        return value instanceof Double number ? "%.1f".formatted(number) : String.valueOf(value);
    }
}
