package io.leadflow.sequence;

import io.leadflow.process.SequenceProcess;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService.RepTaskClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The rep's call or social task of an attempt closed, in the closing transaction: done, with the outcome (a call's
 * form) or action (a social touch's) it recorded, or not done (withdrawn, its window passed); the model's first
 * contact task is the one the first-attempt SLA measures.
 */
@Component
public class AttemptTaskClosedListener {

    private final AttemptTouches touches;

    AttemptTaskClosedListener(AttemptTouches touches) {
        this.touches = touches;
    }

    @EventListener
    public void attemptTaskClosed(RepTaskClosed closed) {
        if (closed.attemptStep() == null) {
            return;
        }
        if (closed.status() != RepTask.Status.COMPLETED) {
            touches.notDone(closed.leadId(), closed.attemptStep());
            return;
        }
        Object outcome = closed.result().getOrDefault("outcome", closed.result().get("action"));
        touches.done(closed.leadId(), closed.attemptStep(), outcome == null ? null : outcome.toString(),
                SequenceProcess.FIRST_CONTACT_TASK.equals(closed.elementId()));
    }
}
