package io.leadflow.bench;

import java.time.Duration;

/**
 * What a number of leads cost leadflow from outside: the engine's log records (the committed position's growth)
 * and the PostgreSQL statements (and the transactions among them), from a start mark until the engine is idle again.
 */
final class LeadCost {

    private final LaunchedLeadflow leadflow;
    private final long position;
    private final long statements;
    private final long commits;

    private LeadCost(LaunchedLeadflow leadflow, long position, long statements, long commits) {
        this.leadflow = leadflow;
        this.position = position;
        this.statements = statements;
        this.commits = commits;
    }

    static LeadCost mark(LaunchedLeadflow leadflow) throws Exception {
        return new LeadCost(leadflow, leadflow.enginePosition().committed(), BenchApplication.statementCounter().statements(),
                commits());
    }

    /** Waits until the engine is idle, then prints the cost per lead since the mark. */
    void print(String what, long leads) throws Exception {
        long records = leadflow.awaitEngineIdle(Duration.ofMinutes(2)) - position;
        long statementsRun = BenchApplication.statementCounter().statements() - statements;
        System.out.printf("%s: per lead %.0f engine records, %.1f PostgreSQL statements (%.1f transactions); %d leads, %d records, %d statements%n",
                what, records / (double) leads, statementsRun / (double) leads, (commits() - commits) / (double) leads, leads,
                records, statementsRun);
    }

    private static long commits() {
        return BenchApplication.statementCounter().statementsBySql().getOrDefault("COMMIT", 0L);
    }
}
