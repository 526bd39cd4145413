package io.leadflow.sequence.internal;

import io.leadflow.engine.ProcessEngine;
import io.leadflow.process.SequenceProcess;
import io.leadflow.tasklist.RepTaskService.RepTaskClosed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the sequence that the lead's first contact closed, made or withdrawn, once that is committed: a manager still
 * asked to keep or reassign the late lead is asked no more, and a re-armed SLA stops waiting. The engine keeps the
 * message a while, so a breach escalated at the same moment hears it too.
 */
@Component
class FirstContactClosedNotice {

    private final ProcessEngine engine;

    FirstContactClosedNotice(ProcessEngine engine) {
        this.engine = engine;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void firstContactClosed(RepTaskClosed closed) {
        if (SequenceProcess.FIRST_CONTACT_TASK.equals(closed.elementId())) {
            engine.publishMessage(SequenceProcess.FIRST_CONTACT_CLOSED, closed.leadId().toString(),
                    new SequenceProcess.FirstContactClosed(closed.status().name()));
        }
    }
}
