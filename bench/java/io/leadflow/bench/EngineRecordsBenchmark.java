package io.leadflow.bench;

import com.sun.management.OperatingSystemMXBean;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.job.JobBatchRecord;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.leadflow.engine.embedded.EmbeddedZeebe;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one lead costs, from its POST to its rep's First contact task with the sequence planned: the engine's log
 * records (positions) and the PostgreSQL statements, per lead, and where the records go (by value type and intent,
 * variables by name, jobs by type). Posts {@code bench.leads} (200) fitting leads one after the other to an idle
 * leadflow ({@code bench.records-burst}: imports them as one CSV, so they meet the engine at once, as in an import),
 * waits until every one has its task and the engine is idle again, then reads the engine's log.
 */
public final class EngineRecordsBenchmark {

    private EngineRecordsBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            int leads = BenchApplication.intProperty("bench.leads", 200);
            EmbeddedZeebe engine = app.engine();
            // The start's own work (deployments, the directory's seed) is not the leads'.
            app.awaitEngineIdle();
            OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long fromCpu = system.getProcessCpuTime();
            long fromPosition = engine.committedPosition();
            long fromStatements = BenchApplication.statementCounter().statements();
            Map<String, Long> fromSql = BenchApplication.statementCounter().statementsBySql();
            FitLeads run = new FitLeads("records");
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://localhost:" + app.port());
            int accepted = Boolean.getBoolean("bench.records-burst") ? run.importAll(http, base, leads) : run.postEach(http, base, leads);
            try (Connection db = BenchApplication.connect()) {
                FitLeads.Progress done = run.awaitDone(db, accepted, Duration.ofMinutes(5));
                System.out.printf("%d leads posted, %d accepted, %d with their First contact task and %d sequenced%n",
                        leads, accepted, done.tasked(), done.planned());
            }
            app.awaitEngineIdle();
            // Every thread of this JVM (leadflow's, the client's and the statement counter's): on a shared machine the
            // CPU a lead costs, unlike the wall time, does not depend on how much of a core the run was given.
            double cpuMillis = (system.getProcessCpuTime() - fromCpu) / 1e6;
            long toPosition = engine.committedPosition();
            long statements = BenchApplication.statementCounter().statements() - fromStatements;
            Tally tally = tally(engine, fromPosition, toPosition);
            System.out.printf("engine records per lead: %.1f (%d records; of them %d empty job polls)%n",
                    (toPosition - fromPosition) / (double) accepted, toPosition - fromPosition, tally.emptyPolls);
            System.out.printf("PostgreSQL statements per lead: %.1f (%d)%n", statements / (double) accepted, statements);
            System.out.printf("CPU per lead: %.1f ms (%.1f s for %d leads; load average %.1f)%n", cpuMillis / accepted,
                    cpuMillis / 1000, accepted, system.getSystemLoadAverage());
            tally.print(accepted);
            System.out.println("PostgreSQL statements per lead by SQL:");
            BenchApplication.statementCounter().statementsBySql().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - fromSql.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("  %7.2f  %s%n", e.getValue() / (double) accepted, e.getKey()));
            return app;
        });
    }


    private static final class Tally {
        final Map<String, Integer> byKind = new TreeMap<>();
        final Map<String, Integer> variables = new TreeMap<>();
        final Map<String, Integer> jobs = new TreeMap<>();
        final Map<String, Integer> elements = new TreeMap<>();
        int emptyPolls;

        void print(int leads) {
            System.out.println("records per lead by kind:");
            print(byKind, leads);
            System.out.println("variable records per lead by name:");
            print(variables, leads);
            System.out.println("job commands and events per lead by job type:");
            print(jobs, leads);
            System.out.println("elements activated per lead:");
            print(elements, leads);
        }

        private static void print(Map<String, Integer> counts, int leads) {
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("  %7.2f  %s%n", e.getValue() / (double) leads, e.getKey()));
        }
    }

    private static Tally tally(EmbeddedZeebe engine, long from, long to) {
        Tally tally = new Tally();
        RecordMetadata metadata = new RecordMetadata();
        VariableRecord variable = new VariableRecord();
        JobRecord job = new JobRecord();
        JobBatchRecord batch = new JobBatchRecord();
        ProcessInstanceRecord element = new ProcessInstanceRecord();
        try (LogStreamReader reader = engine.newLogReader()) {
            reader.seek(from + 1);
            while (reader.hasNext()) {
                LoggedEvent event = reader.next();
                if (event.getPosition() <= from) {
                    continue;
                }
                if (event.getPosition() > to) {
                    break;
                }
                event.readMetadata(metadata);
                String kind = metadata.getRecordType() + " " + metadata.getValueType() + " " + metadata.getIntent();
                tally.byKind.merge(kind, 1, Integer::sum);
                if (metadata.getValueType() == ValueType.VARIABLE && metadata.getRecordType() == RecordType.EVENT) {
                    event.readValue(variable);
                    tally.variables.merge(variable.getName() + " " + metadata.getIntent(), 1, Integer::sum);
                } else if (metadata.getValueType() == ValueType.JOB) {
                    event.readValue(job);
                    tally.jobs.merge(job.getType() + " " + metadata.getRecordType() + " " + metadata.getIntent(), 1, Integer::sum);
                } else if (metadata.getValueType() == ValueType.PROCESS_INSTANCE && metadata.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                    event.readValue(element);
                    tally.elements.merge(element.getBpmnProcessId() + " " + element.getElementId(), 1, Integer::sum);
                } else if (metadata.getValueType() == ValueType.JOB_BATCH && metadata.getIntent() == JobBatchIntent.ACTIVATED) {
                    event.readValue(batch);
                    if (batch.getJobKeys().isEmpty()) {
                        tally.emptyPolls++;
                    }
                }
            }
        }
        return tally;
    }
}
