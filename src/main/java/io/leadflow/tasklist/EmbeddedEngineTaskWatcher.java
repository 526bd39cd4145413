package io.leadflow.tasklist;

import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.Protocol;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * With the embedded engine, a rep's task that the process withdraws (a boundary timer, an exit of the
 * sequence) is seen in the engine's record stream and closed in the task list. A Camunda cluster's
 * Tasklist does this on its own.
 */
@Component
@ConditionalOnProperty(name = "leadflow.engine.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedEngineTaskWatcher {

    private final RecordStreamSource records;
    private final RepTaskService tasks;
    private int seen;

    EmbeddedEngineTaskWatcher(ZeebeTestEngine engine, RepTaskService tasks) {
        this.records = engine.getRecordStreamSource();
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "${leadflow.tasklist.watch-interval:PT0.5S}")
    synchronized void closeWithdrawnTasks() {
        List<Record<?>> all = (List<Record<?>>) records.getRecords();
        for (int i = seen; i < all.size(); i++) {
            Record<?> record = all.get(i);
            if (record.getValueType() == ValueType.JOB && record.getIntent() == JobIntent.CANCELED
                    && record.getValue() instanceof JobRecordValue job && Protocol.USER_TASK_JOB_TYPE.equals(job.getType())) {
                tasks.cancelled(record.getKey());
            }
        }
        seen = all.size();
    }
}
