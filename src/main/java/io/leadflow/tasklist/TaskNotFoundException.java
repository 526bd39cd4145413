package io.leadflow.tasklist;

import io.leadflow.platform.NotFoundException;

public class TaskNotFoundException extends NotFoundException {

    public TaskNotFoundException(long jobKey) {
        super("No task " + jobKey);
    }
}
