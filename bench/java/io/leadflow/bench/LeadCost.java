package io.leadflow.bench;

import java.time.Duration;

/**
 * What a number of leads cost leadflow from outside: the engine's log records (the committed position's growth)
 * and the PostgreSQL statements (and the transactions among them), from a start mark until the engine is idle again;
 * and the CPU time of leadflow's JVM, which unlike the wall time does not depend on how much of a core a shared
 * machine gave the run.
 */
final class LeadCost {

    private final LaunchedLeadflow leadflow;
    private final long position;
    private final long statements;
    private final long commits;
    private final Duration cpu;

    private LeadCost(LaunchedLeadflow leadflow, long position, long statements, long commits, Duration cpu) {
        this.leadflow = leadflow;
        this.position = position;
        this.statements = statements;
        this.commits = commits;
        this.cpu = cpu;
    }

    static LeadCost mark(LaunchedLeadflow leadflow) throws Exception {
        return new LeadCost(leadflow, leadflow.enginePosition().committed(), BenchApplication.statementCounter().statements(),
                commits(), leadflow.cpu());
    }

    /** Waits until the engine is idle, then prints the cost per lead since the mark. */
    void print(String what, long leads) throws Exception {
        long records = leadflow.awaitEngineIdle(Duration.ofMinutes(2)) - position;
        long statementsRun = BenchApplication.statementCounter().statements() - statements;
        double cpuMillis = leadflow.cpu().minus(cpu).toNanos() / 1e6;
        System.out.printf("%s: per lead %.0f engine records, %.1f PostgreSQL statements (%.1f transactions), %.1f ms of leadflow's CPU;"
                        + " %d leads, %d records, %d statements, %.1f CPU s%n",
                what, records / (double) leads, statementsRun / (double) leads, (commits() - commits) / (double) leads,
                cpuMillis / leads, leads, records, statementsRun, cpuMillis / 1000);
    }

    private static long commits() {
        return BenchApplication.statementCounter().statementsBySql().getOrDefault("COMMIT", 0L);
    }
}
