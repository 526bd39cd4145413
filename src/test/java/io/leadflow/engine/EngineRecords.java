package io.leadflow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.Protocol;
import io.camunda.zeebe.protocol.impl.record.CopiedRecord;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobBatchRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The engine's records read back (from its log, as an exporter reads a broker's, or from Zeebe Process Test's record
 * stream), to tell positively that some process instances are at rest: what could happen next waits for time to move
 * or for someone to act. A test that checks something did not happen checks it then, instead of after a sleep.
 */
public final class EngineRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Intent> ELEMENT_IN_TRANSITION = Set.of(ProcessInstanceIntent.ELEMENT_ACTIVATING,
            ProcessInstanceIntent.ELEMENT_COMPLETING, ProcessInstanceIntent.ELEMENT_TERMINATING);
    private static final Set<Intent> JOB_ENDED = Set.of(JobIntent.COMPLETED, JobIntent.CANCELED, JobIntent.ERROR_THROWN);
    private static final Set<Intent> TIMER_ENDED = Set.of(TimerIntent.TRIGGERED, TimerIntent.CANCELED);
    // A worker's answer to a job it was handed, written even when the engine refuses it (the job was cancelled meanwhile).
    private static final Set<Intent> WORKER_ANSWERS = Set.of(JobIntent.COMPLETE, JobIntent.FAIL, JobIntent.THROW_ERROR);

    private final List<Record<?>> records;
    // Commands the engine wrote while processing another one and processed in the same batch: none answers them.
    private final Set<Long> processedInBatch;

    private EngineRecords(List<Record<?>> records, Set<Long> processedInBatch) {
        this.records = records;
        this.processedInBatch = processedInBatch;
    }

    /**
     * Zeebe Process Test's record stream, which does not say which commands were processed in their batch: every command
     * the engine wrote itself is taken as such (a batch holds up to 100 commands; the models' steps are fewer).
     */
    public static EngineRecords of(Iterable<Record<?>> records) {
        List<Record<?>> copied = new ArrayList<>();
        Set<Long> followUps = new HashSet<>();
        for (Record<?> record : records) {
            copied.add(record);
            if (record.getRecordType() == RecordType.COMMAND && record.getSourceRecordPosition() >= 0) {
                followUps.add(record.getPosition());
            }
        }
        return new EngineRecords(copied, followUps);
    }

    /** Every record the log holds, oldest first; closes the reader. */
    public static EngineRecords readAll(LogStreamReader reader) {
        List<Record<?>> read = new ArrayList<>();
        Set<Long> processedInBatch = new HashSet<>();
        try (reader) {
            reader.seekToFirstEvent();
            while (reader.hasNext()) {
                LoggedEvent event = reader.next();
                read.add(record(event));
                if (event.shouldSkipProcessing()) {
                    processedInBatch.add(event.getPosition());
                }
            }
        }
        return new EngineRecords(read, processedInBatch);
    }

    /** As Zeebe Process Test's record stream maps a logged event. */
    private static Record<?> record(LoggedEvent event) {
        RecordMetadata metadata = new RecordMetadata();
        event.readMetadata(metadata);
        UnifiedRecordValue value = UnifiedRecordValue.fromValueType(metadata.getValueType());
        event.readValue(value);
        return new CopiedRecord<>(value, metadata, event.getKey(), 1,
                event.getPosition(), event.getSourceEventPosition(), event.getTimestamp());
    }

    /** Every process instance the records speak of, from the command that starts it on. */
    public Set<Long> instances() {
        Set<Long> instances = new HashSet<>();
        for (Record<?> record : records) {
            if (record.getValue() instanceof ProcessInstanceRecordValue instance && instance.getProcessInstanceKey() > 0) {
                instances.add(instance.getProcessInstanceKey());
            }
        }
        return instances;
    }

    /** The process instances (a lead's journey and the stages it called) whose {@code leadId} is this lead's. */
    public Set<Long> instancesOf(String leadId) {
        Set<Long> instances = new HashSet<>();
        for (Record<?> record : records) {
            if (record.getRecordType() == RecordType.EVENT && record.getIntent() == VariableIntent.CREATED
                    && record.getValue() instanceof VariableRecordValue variable && variable.getName().equals("leadId")
                    && variable.getScopeKey() == variable.getProcessInstanceKey() && leadId.equals(text(variable.getValue()))) {
                instances.add(variable.getProcessInstanceKey());
            }
        }
        return instances;
    }

    /** The instance's variable (at its root scope) as last set, read from its JSON; null if it was never set. */
    public Object variable(long instance, String name) {
        String json = null;
        for (Record<?> record : records) {
            if (record.getRecordType() == RecordType.EVENT
                    && (record.getIntent() == VariableIntent.CREATED || record.getIntent() == VariableIntent.UPDATED)
                    && record.getValue() instanceof VariableRecordValue variable && variable.getName().equals(name)
                    && variable.getScopeKey() == instance) {
                json = variable.getValue();
            }
        }
        try {
            return json == null ? null : JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The engine wrote " + name + " as no JSON: " + json, e);
        }
    }

    /** The elements these instances completed, in the order they completed them (the path taken). */
    public List<String> completedElements(Set<Long> instances) {
        return events(instances).stream().filter(record -> record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
                .map(record -> ((ProcessInstanceRecordValue) record.getValue()).getElementId()).toList();
    }

    /** A timer the engine holds: due at {@code due}, it completes (or interrupts) {@code elementId}. */
    public record Timer(String elementId, Instant due) {
    }

    /** The timers of these instances that have neither fired nor been cancelled. */
    public List<Timer> liveTimers(Set<Long> instances) {
        Map<Long, Timer> live = new LinkedHashMap<>();
        for (Record<?> record : events(instances)) {
            if (record.getValue() instanceof TimerRecordValue timer) {
                if (record.getIntent() == TimerIntent.CREATED) {
                    live.put(record.getKey(), new Timer(timer.getTargetElementId(), Instant.ofEpochMilli(timer.getDueDate())));
                } else if (TIMER_ENDED.contains(record.getIntent())) {
                    live.remove(record.getKey());
                }
            }
        }
        return List.copyOf(live.values());
    }

    /** In a running leadflow its workers take every job but a rep's task. */
    public static final Predicate<String> LEADFLOW_WORKERS = type -> !type.equals(Protocol.USER_TASK_JOB_TYPE);

    /**
     * What still moves in these instances at {@code now}, in words; empty when they are at rest: no command about them
     * waits for the engine, no element is between two states, no job of a type {@code workersTake} waits for its worker,
     * and every timer due by {@code now} has fired.
     */
    public List<String> workUnderWay(Set<Long> instances, Instant now, Predicate<String> workersTake) {
        List<String> underWay = new ArrayList<>();
        Set<Long> answered = new HashSet<>();
        records.forEach(record -> answered.add(record.getSourceRecordPosition()));
        Set<Long> keys = keysOf(instances);
        for (Record<?> record : records) {
            if (record.getRecordType() == RecordType.COMMAND && !answered.contains(record.getPosition())
                    && !processedInBatch.contains(record.getPosition()) && (keys.contains(record.getKey()) || belongs(record, instances))) {
                underWay.add("the command " + record.getValueType() + " " + record.getIntent() + " at position "
                        + record.getPosition() + " is not processed yet");
            }
        }
        Map<Long, Record<?>> elements = new LinkedHashMap<>();
        for (Record<?> record : events(instances)) {
            if (record.getValue() instanceof ProcessInstanceRecordValue) {
                elements.put(record.getKey(), record);
            }
        }
        elements.values().stream().filter(element -> ELEMENT_IN_TRANSITION.contains(element.getIntent())).forEach(element ->
                underWay.add(((ProcessInstanceRecordValue) element.getValue()).getElementId() + " is " + element.getIntent()));
        openJobs(instances).forEach((key, value) -> {
            if (workersTake.test(value.getType())) {
                underWay.add("the job " + value.getType() + " of " + value.getElementId() + " waits for its worker");
            }
        });
        for (Timer timer : liveTimers(instances)) {
            if (!timer.due().isAfter(now)) {
                underWay.add("the timer of " + timer.elementId() + " due at " + timer.due() + " has not fired yet");
            }
        }
        return underWay;
    }

    /** The keys of the rep's tasks open in these instances (their user-task jobs not ended), whoever holds them. */
    public Set<Long> openRepTaskJobs(Set<Long> instances) {
        Set<Long> keys = new HashSet<>();
        openJobs(instances).forEach((key, value) -> {
            if (value.getType().equals(Protocol.USER_TASK_JOB_TYPE)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private Map<Long, JobRecordValue> openJobs(Set<Long> instances) {
        Map<Long, Record<?>> jobs = new LinkedHashMap<>();
        for (Record<?> record : events(instances)) {
            if (record.getValue() instanceof JobRecordValue) {
                jobs.put(record.getKey(), record);
            }
        }
        Map<Long, JobRecordValue> open = new LinkedHashMap<>();
        jobs.forEach((key, job) -> {
            if (!JOB_ENDED.contains(job.getIntent())) {
                open.put(key, (JobRecordValue) job.getValue());
            }
        });
        return open;
    }

    /** What became of the element in these instances, oldest first: its states (activated, then completed or terminated). */
    public List<Intent> elementStates(Set<Long> instances, String elementId) {
        return events(instances).stream()
                .filter(record -> record.getValue() instanceof ProcessInstanceRecordValue element
                        && element.getElementId().equals(elementId))
                .map(Record::getIntent)
                .toList();
    }

    /**
     * The jobs of these instances, of a type {@code workersTake}, that a worker was handed (polled or pushed) and has not
     * answered yet, in words: cancelling an instance cancels its jobs, not the handler already running one.
     */
    public List<String> jobsWithWorkers(Set<Long> instances, Predicate<String> workersTake) {
        Map<Long, String> jobs = new HashMap<>();
        for (Record<?> record : events(instances)) {
            if (record.getValue() instanceof JobRecordValue job && workersTake.test(job.getType())) {
                jobs.put(record.getKey(), job.getType() + " of " + job.getElementId());
            }
        }
        Set<Long> handed = new HashSet<>();
        for (Record<?> record : records) {
            if (record.getRecordType() == RecordType.EVENT && record.getIntent() == JobBatchIntent.ACTIVATED
                    && record.getValue() instanceof JobBatchRecordValue batch) {
                batch.getJobKeys().stream().filter(jobs::containsKey).forEach(handed::add);
            } else if (record.getRecordType() == RecordType.COMMAND && WORKER_ANSWERS.contains(record.getIntent())
                    || record.getRecordType() == RecordType.EVENT && record.getIntent() == JobIntent.YIELDED) {
                handed.remove(record.getKey());
            }
        }
        return handed.stream().map(job -> "a worker still handles the job " + jobs.get(job)).toList();
    }

    /** The incidents raised in these instances, in words (element, type, message): a wait that gives up names them. */
    public List<String> incidents(Set<Long> instances) {
        return events(instances).stream()
                .filter(record -> record.getIntent() == IncidentIntent.CREATED && record.getValue() instanceof IncidentRecordValue)
                .map(record -> (IncidentRecordValue) record.getValue())
                .map(incident -> incident.getElementId() + ": " + incident.getErrorType() + " " + incident.getErrorMessage())
                .toList();
    }

    private List<Record<?>> events(Set<Long> instances) {
        return records.stream().filter(record -> record.getRecordType() == RecordType.EVENT && belongs(record, instances)).toList();
    }

    /** The keys of the instances and of their element instances, jobs and timers: commands name their subject by key. */
    private Set<Long> keysOf(Set<Long> instances) {
        Set<Long> keys = new HashSet<>(instances);
        events(instances).forEach(record -> keys.add(record.getKey()));
        return keys;
    }

    private static boolean belongs(Record<?> record, Set<Long> instances) {
        return record.getValue() instanceof ProcessInstanceRelated related && instances.contains(related.getProcessInstanceKey());
    }

    private static String text(String json) {
        try {
            return JSON.readValue(json, Object.class) instanceof String text ? text : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
