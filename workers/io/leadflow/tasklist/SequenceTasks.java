package io.leadflow.tasklist;

import io.leadflow.process.SequenceProcess;
import io.leadflow.tasklist.internal.ModelTasks;
import org.springframework.stereotype.Component;

/** lead-sequence's first contact task and its call form. */
@Component
class SequenceTasks implements ModelTasks {

    @Override
    public String firstContact() {
        return SequenceProcess.FIRST_CONTACT_TASK;
    }

    @Override
    public boolean isCall(String formId) {
        return SequenceProcess.CALL_FORM.equals(formId);
    }
}
